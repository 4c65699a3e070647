package nl.alarmcentral.dispatch.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.DetailsStatus;
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

    /** Alarms of active incidents whose details still have to be fetched. */
    public Uni<List<IncidentAlarm>> listAwaitingDetails() {
        return list("detailsStatus in ?1 and incidentId in (select i.id from Incident i where i.status <> ?2)",
                List.of(DetailsStatus.PENDING, DetailsStatus.UNAVAILABLE), IncidentStatus.CLOSED);
    }
}
