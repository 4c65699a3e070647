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
     * {@link #listWithDetailsUnclosed}: the state is a literal, so that even a cached plan can use
     * the partial index {@code incident_one_active_per_worker} (V1, same condition).
     */
    private static final String WITH_DETAILS_UNCLOSED = "SELECT a.alarm_id, a.incident_id, a.received_at < :receivedBefore, "
            + "EXISTS (SELECT 1 FROM erased_worker e WHERE e.worker_id = i.worker_id), i.status IN ("
            + IncidentStatus.unfinishedSqlList() + ") FROM incident i "
            + "JOIN incident_alarm a ON a.incident_id = i.id WHERE i.status <> '" + IncidentStatus.CLOSED.name()
            + "' AND a.has_details";

    /**
     * An alarm with details, of an incident that is not closed, as the details round needs it.
     *
     * @param alarmId    the alarm
     * @param incidentId its incident
     * @param old        whether dispatch recorded it before the {@code receivedBefore} asked for
     * @param erased     whether she withdrew (her details are not fetched)
     * @param unfinished whether its incident is on the console's list (not resolved): only then are they fetched unasked
     */
    public record WithDetails(UUID alarmId, UUID incidentId, boolean old, boolean erased, boolean unfinished) {
    }

    /** Alarms that carried details, of incidents that are not closed: those whose details an instance may hold. */
    public Uni<List<WithDetails>> listWithDetailsUnclosed(Instant receivedBefore) {
        return getSession().flatMap(session -> session.createNativeQuery(WITH_DETAILS_UNCLOSED, Object[].class)
                .setParameter("receivedBefore", receivedBefore).getResultList())
                .map(rows -> rows.stream().map(row -> new WithDetails((UUID) row[0], (UUID) row[1], (Boolean) row[2],
                        (Boolean) row[3], (Boolean) row[4])).toList());
    }
}
