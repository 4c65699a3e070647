package nl.alarmcentral.dispatch.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentStatus;

/** Alarm events on incidents' timelines, by alarm id. */
@ApplicationScoped
public class IncidentAlarmRepository implements PanacheRepositoryBase<IncidentAlarm, UUID> {

    public Uni<List<IncidentAlarm>> listForIncidents(Collection<UUID> incidentIds) {
        return list("incidentId in ?1", Sort.ascending("raisedAt"), incidentIds);
    }

    /** The incident an alarm is on, without loading the alarm; null for an unknown alarm. */
    public Uni<UUID> findIncidentId(UUID alarmId) {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select a.incidentId from IncidentAlarm a where a.alarmId = :alarmId", UUID.class)
                .setParameter("alarmId", alarmId)
                .getSingleResultOrNull());
    }

    /**
     * An alarm with details, of an incident that is not closed, as the details retry needs it.
     *
     * @param alarmId    the alarm
     * @param incidentId its incident
     * @param receivedAt when dispatch recorded it
     * @param erased     whether she withdrew (her details are not fetched)
     */
    public record WithDetails(UUID alarmId, UUID incidentId, Instant receivedAt, boolean erased) {
    }

    /** Alarms that carried details, of incidents that are not closed: those whose details an instance may hold. */
    public Uni<List<WithDetails>> listWithDetailsUnclosed() {
        return getSession().flatMap(session -> session.createSelectionQuery("select new " + WithDetails.class.getName()
                + "(a.alarmId, a.incidentId, a.receivedAt, exists (select 1 from ErasedWorker e where e.workerId = i.workerId)) "
                + "from IncidentAlarm a, Incident i where i.id = a.incidentId and a.hasDetails = true and i.status <> :closed",
                WithDetails.class).setParameter("closed", IncidentStatus.CLOSED).getResultList());
    }
}
