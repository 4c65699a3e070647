package nl.alarmcentral.alarm.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.config.RetentionConfig;
import nl.alarmcentral.alarm.repository.AlarmRepository;

/**
 * Keeps what alarm-service holds of a worker no longer than it is needed (issue 14, docs/privacy.md;
 * {@link RetentionConfig}). Positions and timer notes exist for dispatch's claim check while an
 * incident is handled:
 * <ul>
 * <li>when dispatch closes an incident ({@code incident.events}, {@code IncidentClosingConsumer}),
 * the positions of exactly its alarms and the notes of the timers those alarms came from are
 * dropped, and the alarms are marked closed (their details are no longer served). Exactly those
 * alarms, not hers up to the closing time: an alarm raised just before the close may already be on
 * her next incident, and its dispatcher must not lose the position;</li>
 * <li>a scheduled job on every instance drops what no closing reached: positions a day after the
 * alarm, notes a day after the timer ended; and after the incidents' retention reduces alarm rows
 * to statistics (no worker id, no client reference: kind, channel and times stay) and deletes ended
 * timers. Alarms the broker has not acknowledged keep their worker id: the relay still has to
 * publish them (she is the Kafka key).</li>
 * </ul>
 * Every statement is idempotent, so redelivered closings and instances running the job at the same
 * time change nothing twice. Logs carry counts only.
 */
@ApplicationScoped
public class AlarmRetention {

    private static final Logger LOG = Logger.getLogger(AlarmRetention.class);

    /** Clears an alarm row's (sealed) position. */
    static final String CLEAR_POSITION = "sealed_position = NULL";
    /** Whether an alarm row still holds a (sealed) position. */
    static final String HOLDS_POSITION = "(sealed_position IS NOT NULL)";

    private final AlarmRepository alarms;
    private final RetentionConfig config;

    public AlarmRetention(AlarmRepository alarms, RetentionConfig config) {
        this.alarms = alarms;
        this.config = config;
    }

    /**
     * Dispatch closed the incident these alarms were on: they are marked closed and (unless
     * {@link RetentionConfig#clearOnIncidentClose()} is off) their positions and their timers'
     * notes are dropped. Unknown ids are ignored.
     *
     * @return how many alarm rows and timer notes were changed
     */
    @WithTransaction
    public Uni<Integer> incidentClosed(Collection<UUID> alarmIds, Instant closedAt) {
        if (alarmIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<UUID> ids = List.copyOf(alarmIds);
        return alarms.getSession().flatMap(session -> {
            // Timers first: the alarm row names the timer (client reference) and its worker.
            Uni<Integer> notes = !config.clearOnIncidentClose() ? Uni.createFrom().item(0)
                    : session.createNativeQuery("UPDATE safety_timer t SET note = NULL FROM alarm a WHERE a.alarm_id IN (:ids) "
                            + "AND a.channel = 'TIMER' AND t.timer_id = a.client_ref AND t.worker_id = a.worker_id "
                            + "AND t.note IS NOT NULL").setParameter("ids", ids).executeUpdate();
            String position = config.clearOnIncidentClose() ? ", " + CLEAR_POSITION : "";
            return notes.flatMap(cleared -> session.createNativeQuery("UPDATE alarm SET incident_closed_at = "
                    + "COALESCE(incident_closed_at, :closedAt)" + position + " WHERE alarm_id IN (:ids) AND "
                    + "(incident_closed_at IS NULL" + (position.isEmpty() ? "" : " OR " + HOLDS_POSITION) + ")")
                    .setParameter("closedAt", closedAt).setParameter("ids", ids).executeUpdate()
                    .map(rows -> rows + cleared));
        });
    }

    @Scheduled(identity = "alarm-retention", every = "${alarm.retention.interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runRegularly() {
        return run()
                .onFailure().invoke(e -> LOG.warnf("Retention job failed (%s); retrying at the next run", e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * One run of the retention job: each step a short transaction of its own, at most
     * {@link RetentionConfig#batchSize()} rows per step (a backlog is worked off run by run).
     *
     * @return how many rows were changed or deleted
     */
    public Uni<Integer> run() {
        Instant now = Instant.now();
        Instant positions = now.minus(config.positions());
        Instant notes = now.minus(config.timerNotes());
        Instant rows = now.minus(config.alarmRows());
        int batch = config.batchSize();
        return step("UPDATE alarm SET " + CLEAR_POSITION + " WHERE alarm_id IN (SELECT alarm_id FROM alarm WHERE "
                + HOLDS_POSITION + " AND raised_at < :cutoff LIMIT :batch)", positions, batch)
                .flatMap(cleared -> step("UPDATE safety_timer SET note = NULL WHERE timer_id IN (SELECT timer_id FROM "
                        + "safety_timer WHERE note IS NOT NULL AND state <> 'ACTIVE' AND COALESCE(confirmed_at, missed_at) "
                        + "< :cutoff LIMIT :batch)", notes, batch).map(n -> n + cleared))
                .flatMap(cleared -> step("UPDATE alarm SET worker_id = NULL, client_ref = NULL, " + CLEAR_POSITION
                        + " WHERE alarm_id IN (SELECT alarm_id FROM alarm WHERE worker_id IS NOT NULL AND raised_at < :cutoff "
                        + "AND (published_at IS NOT NULL OR withdrawn_at IS NOT NULL) LIMIT :batch)", rows, batch)
                        .map(n -> n + cleared))
                .flatMap(cleared -> step("DELETE FROM safety_timer WHERE timer_id IN (SELECT timer_id FROM safety_timer "
                        + "WHERE state <> 'ACTIVE' AND COALESCE(confirmed_at, missed_at) < :cutoff LIMIT :batch)", rows, batch)
                        .map(n -> n + cleared))
                .invoke(changed -> {
                    if (changed > 0) {
                        LOG.infof("Retention: %d position(s), note(s), alarm row(s) or timer(s) dropped or reduced", changed);
                    }
                });
    }

    private Uni<Integer> step(String statement, Instant cutoff, int batch) {
        return Panache.withTransaction(() -> alarms.getSession().flatMap(session -> bind(session
                .createNativeQuery(statement), cutoff, batch).executeUpdate()));
    }

    private static Mutiny.MutationQuery bind(Mutiny.MutationQuery query, Instant cutoff, int batch) {
        return query.setParameter("cutoff", cutoff).setParameter("batch", batch);
    }
}
