package nl.alarmcentral.dispatch.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.config.DispatchConfig;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/**
 * What happens to incidents after dispatchers are done with them, on whichever instance claims
 * them first ({@code FOR UPDATE SKIP LOCKED}):
 * <ul>
 * <li>a RESOLVED incident is closed {@code dispatch.close-after} (default 15 min) after it was
 * resolved: its card and alarms' details are dropped from memory and the registry stops disclosing (checked
 * every {@code dispatch.close-check-interval});</li>
 * <li>a CLOSED incident is kept {@code dispatch.retention} (default 90 days), then reduced to an
 * anonymous {@code incident_statistic} row (the hour it opened, kind, channel, categories, outcome,
 * follow-up, ack seconds, escalated) and everything else of it is deleted: timeline, PIN entries,
 * device warnings, alarms, outbox events and the incident itself. Device warnings that joined no
 * incident and processed event ids go after the same period (checked every
 * {@code dispatch.housekeeping-interval}).</li>
 * </ul>
 */
@ApplicationScoped
public class IncidentHousekeeping {

    private static final Logger LOG = Logger.getLogger(IncidentHousekeeping.class);

    /** At most this many incidents per round and step of the retention job. */
    private static final int BATCH = 200;

    /** At most this many closings per round (every {@code dispatch.close-check-interval}): 10 a second by default. */
    private static final int CLOSE_BATCH = 20;

    /** Tables of an incident, children first; the incident row goes last. */
    private static final List<String> INCIDENT_TABLES = List.of("incident_action", "pin_entry", "device_warning",
            "incident_alarm", "incident_outbox", "incident");

    private final IncidentRepository incidents;
    private final IncidentService incidentService;
    private final IncidentCloser closer;
    private final DispatchConfig config;

    public IncidentHousekeeping(IncidentRepository incidents, IncidentService incidentService, IncidentCloser closer,
            DispatchConfig config) {
        this.incidents = incidents;
        this.incidentService = incidentService;
        this.closer = closer;
        this.config = config;
    }

    @Scheduled(every = "${dispatch.close-check-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> closeDue() {
        return closeResolved().replaceWithVoid();
    }

    @Scheduled(every = "${dispatch.housekeeping-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reduceDue() {
        return reduceExpired().replaceWithVoid();
    }

    /**
     * Closes resolved incidents whose {@code dispatch.close-after} has passed, at most
     * {@link #CLOSE_BATCH} in this round, oldest first; how many. Each is claimed, closed and
     * announced in a short transaction of its own: a backlog of closings (a busy hour, 15 minutes
     * on) never holds locks long, and the consoles and the registry hear of each closing as it
     * commits. Measured: one transaction for a minute's 200 closings held new alarms back for
     * seconds (docs/benchmarks.md).
     */
    public Uni<Integer> closeResolved() {
        Instant now = Instant.now();
        Map<String, Object> due = Map.of("due", now.minus(config.closeAfter()));
        return Uni.createFrom().deferred(() -> closeOldestDue(due, now))
                .repeat().until(closed -> !closed)
                .select().first(CLOSE_BATCH)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    /** Closes the oldest due incident no other instance is closing; whether there was one. */
    private Uni<Boolean> closeOldestDue(Map<String, Object> due, Instant now) {
        return Panache.withTransaction(() -> incidents.claim("status = 'RESOLVED' AND resolved_at <= :due", "resolved_at", 1, due)
                .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().<IncidentChange>nullItem()
                        : incidentService.closeLocked(claimed.get(0), null, now)))
                .map(closer::announced);
    }

    /**
     * Reduces closed incidents older than {@code dispatch.retention} to anonymous statistics; how
     * many. An incident whose {@code incident.closed} the broker has not acknowledged yet waits:
     * the registry must hear of the closing first.
     */
    public Uni<Integer> reduceExpired() {
        Instant due = Instant.now().minus(config.retention());
        return Panache.withTransaction(() -> incidents.claim("status = 'CLOSED' AND closed_at <= :due AND NOT EXISTS "
                + "(SELECT 1 FROM incident_outbox o WHERE o.incident_id = incident.id AND o.published_at IS NULL)",
                "closed_at", BATCH, Map.of("due", due))
                .flatMap(expired -> expired.isEmpty() ? Uni.createFrom().item(0) : reduce(expired))
                .call(reduced -> deleteLeftovers(due)))
                .invoke(reduced -> {
                    if (reduced > 0) {
                        LOG.infof("%d closed incident(s) older than %s reduced to anonymous statistics", reduced,
                                config.retention());
                    }
                });
    }

    private Uni<Integer> reduce(List<Incident> expired) {
        List<UUID> ids = expired.stream().map(i -> i.id).toList();
        return incidents.getSession().flatMap(session -> {
            // Off the session first: the rows are deleted below with SQL, not through the entities.
            expired.forEach(session::detach);
            Uni<Integer> work = update(session, "INSERT INTO incident_statistic (opened_hour, kind, channel, categories, outcome, "
                    + "follow_up, ack_seconds, escalated) SELECT date_trunc('hour', i.opened_at), i.kind, (SELECT a.channel FROM "
                    + "incident_alarm a WHERE a.incident_id = i.id ORDER BY a.raised_at LIMIT 1), i.categories, i.outcome, "
                    + "i.follow_up, EXTRACT(EPOCH FROM (i.acknowledged_at - i.opened_at)), i.escalated_at IS NOT NULL "
                    + "FROM incident i WHERE i.id IN (:ids)", ids);
            for (String table : INCIDENT_TABLES) {
                String column = table.equals("incident") ? "id" : "incident_id";
                work = work.call(() -> update(session, "DELETE FROM " + table + " WHERE " + column + " IN (:ids)", ids));
            }
            return work.replaceWith(ids.size());
        });
    }

    /** What joined no incident (device warnings) or names none (processed event ids), after the same period. */
    private Uni<Void> deleteLeftovers(Instant due) {
        return incidents.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM device_warning WHERE incident_id IS NULL AND received_at <= :due")
                .setParameter("due", due).executeUpdate()
                .flatMap(ignored -> session.createNativeQuery("DELETE FROM processed_event WHERE processed_at <= :due")
                        .setParameter("due", due).executeUpdate()))
                .replaceWithVoid();
    }

    private static Uni<Integer> update(Mutiny.Session session, String sql, List<UUID> ids) {
        return session.createNativeQuery(sql).setParameter("ids", ids).executeUpdate();
    }
}
