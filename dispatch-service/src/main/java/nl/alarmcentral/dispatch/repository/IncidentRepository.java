package nl.alarmcentral.dispatch.repository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentStatus;

/** Incidents. */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** States in which an incident is finished: alarms no longer join it. */
    public static final List<IncidentStatus> FINISHED = List.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED);

    /**
     * {@link #listUnclosed()}: the state is a literal, not a parameter, because only then can a
     * cached plan use the partial index {@code incident_one_active_per_worker} (V1, same condition)
     * instead of reading every incident kept.
     */
    private static final String UNCLOSED = "SELECT i.id, i.worker_id, EXISTS (SELECT 1 FROM incident_outbox o "
            + "WHERE o.incident_id = i.id AND o.type = :opened AND o.published_at IS NOT NULL), "
            + "EXISTS (SELECT 1 FROM erased_worker e WHERE e.worker_id = i.worker_id), i.status IN ("
            + IncidentStatus.unfinishedSqlList() + ") FROM incident i WHERE i.status <> '" + IncidentStatus.CLOSED.name()
            + "' ORDER BY i.opened_at";

    /**
     * An incident that is not closed, as the card retry needs it.
     *
     * @param id        the incident
     * @param workerId  whose it is
     * @param announced whether the broker acknowledged its {@code incident.opened} (the registry may disclose her card)
     * @param erased    whether she withdrew (she has no card)
     * @param unfinished whether it is on the console's list (not resolved): only then is its card fetched unasked
     */
    public record Unclosed(UUID id, String workerId, boolean announced, boolean erased, boolean unfinished) {
    }

    /** The worker's incident that is not finished (resolved or closed), or null: her alarms join it. */
    public Uni<Incident> findActive(String workerId) {
        return find("workerId = ?1 and status not in ?2", workerId, FINISHED).firstResult();
    }

    /** These incidents (those that still exist). */
    public Uni<List<Incident>> listByIds(Collection<UUID> ids) {
        return list("id in ?1", ids);
    }

    /** Versions of the incidents that changed at or after {@code since}. */
    public Uni<List<IncidentVersion>> versionsChangedSince(Instant since) {
        return getSession().flatMap(session -> session.createSelectionQuery("select new "
                + IncidentVersion.class.getName() + "(i.id, i.version, i.status, i.openedAt) from Incident i where i.changedAt >= :since",
                IncidentVersion.class).setParameter("since", since).getResultList());
    }

    /** How many incidents are in these states. */
    public Uni<Long> countByStatus(Collection<IncidentStatus> statuses) {
        return count("status in ?1", statuses);
    }

    /**
     * Claims incidents for a scheduled job: those the native {@code condition} selects (oldest by
     * {@code orderBy} first, at most {@code limit}), locked for this transaction. Rows another
     * instance has locked are skipped, so two instances never work on the same incident, and
     * what one committed no longer matches the condition for the other.
     */
    public Uni<List<Incident>> claim(String condition, String orderBy, int limit, Map<String, Object> parameters) {
        return getSession().flatMap(session -> {
            var query = session.createNativeQuery("SELECT * FROM incident WHERE " + condition + " ORDER BY " + orderBy
                    + " LIMIT " + limit + " FOR UPDATE SKIP LOCKED", Incident.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    /** Incidents in the given states, oldest first. */
    public Uni<List<Incident>> listByStatus(Collection<IncidentStatus> statuses) {
        return list("status in ?1", Sort.ascending("openedAt"), statuses);
    }

    /**
     * Every incident that is not closed, oldest first: those whose card an instance may hold (the
     * few of the last minutes; a resolved incident closes 15 minutes after).
     */
    public Uni<List<Unclosed>> listUnclosed() {
        return getSession().flatMap(session -> session.createNativeQuery(UNCLOSED, Object[].class)
                .setParameter("opened", EventTypes.INCIDENT_OPENED).getResultList())
                .map(rows -> rows.stream().map(row -> new Unclosed((UUID) row[0], (String) row[1], (Boolean) row[2],
                        (Boolean) row[3], (Boolean) row[4])).toList());
    }

    /** An incident locked for this transaction: erasing her waits for the write, or the write for the erasure. */
    public Uni<Incident> findLocked(UUID incidentId) {
        return findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Acknowledge times (seconds, null when not taken) of incidents opened at or after {@code from},
     * live and reduced to statistics, as one row: counted, acknowledged, within 30 s, within 60 s,
     * p50, p90. Incidents nobody took count only once opened before {@code settled}.
     */
    public Uni<Object[]> acknowledgeTimes(Instant from, Instant settled) {
        return getSession().flatMap(session -> session.createNativeQuery("SELECT count(*), count(ack), "
                + "count(*) FILTER (WHERE ack <= 30), count(*) FILTER (WHERE ack <= 60), "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY ack), percentile_cont(0.9) WITHIN GROUP (ORDER BY ack) FROM ("
                + "SELECT CAST(EXTRACT(EPOCH FROM (acknowledged_at - opened_at)) AS double precision) AS ack FROM incident "
                + "WHERE opened_at >= :from AND (acknowledged_at IS NOT NULL OR opened_at <= :settled) "
                + "UNION ALL SELECT ack_seconds FROM incident_statistic WHERE opened_hour >= :fromHour) t",
                Object[].class).setParameter("from", from).setParameter("settled", settled)
                .setParameter("fromHour", from.truncatedTo(ChronoUnit.HOURS)).getSingleResult());
    }
}
