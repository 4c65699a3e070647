package nl.alarmcentral.alarm.service;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.config.AlarmConfig;
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.alarm.repository.OutboxEventRepository;

/**
 * Publishes what is durable in the database but was not acknowledged by the broker when it was
 * accepted (the broker was away or slow; see {@link EventOutbox}): alarm rows first, oldest first,
 * then cancels, duresses and warnings, so that dispatch sees an alarm before its cancel. Every
 * instance runs it every {@code alarm.relay.interval}; they share the work through the database
 * ({@code FOR UPDATE SKIP LOCKED}), so nothing depends on one instance being up. While the broker
 * seems away a run sends one event only, as a probe; once that is acknowledged the run goes on
 * with whole batches. An event published twice (a late acknowledgement and the relay) carries the
 * same id both times and dispatch keeps one.
 *
 * <p>It also counts the alarms still waiting for the broker ({@code alarmcentral_alarms_unpublished}).
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);

    /** Rounds one run may do while everything it sends is acknowledged: a bound, not a goal. */
    private static final int MAX_ROUNDS = 10;

    private final AlarmRepository alarms;
    private final OutboxEventRepository outboxEvents;
    private final EventOutbox outbox;
    private final AlarmMetrics metrics;
    private final AlarmConfig config;
    private volatile boolean failing;

    public EventRelay(AlarmRepository alarms, OutboxEventRepository outboxEvents, EventOutbox outbox, AlarmMetrics metrics,
            AlarmConfig config) {
        this.alarms = alarms;
        this.outboxEvents = outboxEvents;
        this.outbox = outbox;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * What one or more rounds did.
     *
     * @param sent     how many events were acknowledged
     * @param complete whether every row found was acknowledged
     * @param full     whether the last round found a full batch (there may be more)
     */
    record Round(int sent, boolean complete, boolean full) {
        static final Round NOTHING = new Round(0, true, false);

        /** Whether nothing that was found is left, as far as this instance can see. */
        boolean drained() {
            return complete && !full;
        }
    }

    @Scheduled(identity = "event-relay", every = "${alarm.relay.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return relay()
                .invoke(() -> failing = false)
                .onFailure().invoke(e -> {
                    // Once per outage at warning level: the database away fails every run.
                    if (!failing) {
                        LOG.warnf("Relaying unpublished events failed (%s); retrying every run", e.getClass().getName());
                    }
                    failing = true;
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Publishes what it can of the backlog: alarms first; the other events only once no alarm
     * waits (so none overtakes its alarm).
     *
     * @return how many events were acknowledged
     */
    public Uni<Integer> relay() {
        return rounds(this::relayAlarms, 0, 0).flatMap(alarmsDone -> !alarmsDone.drained()
                ? Uni.createFrom().item(alarmsDone.sent())
                : rounds(this::relayOutbox, 0, 0).map(others -> alarmsDone.sent() + others.sent()))
                .call(this::countUnpublished);
    }

    /** Rounds until one is not a full, acknowledged batch (bounded by {@link #MAX_ROUNDS}). */
    private Uni<Round> rounds(Function<Integer, Uni<Round>> round, int done, int sent) {
        // While the broker seems away, one event is the probe; once it is acknowledged, whole batches.
        int limit = outbox.brokerSeemsAway() ? 1 : config.relay().batchSize();
        return round.apply(limit).flatMap(result -> {
            Round total = new Round(sent + result.sent(), result.complete(), result.full());
            if (result.complete() && result.full() && done + 1 < MAX_ROUNDS) {
                return rounds(round, done + 1, total.sent());
            }
            return Uni.createFrom().item(total);
        });
    }

    /** One batch of alarm rows, in one transaction that holds their locks while it publishes. */
    @WithTransaction
    Uni<Round> relayAlarms(int limit) {
        return alarms.lockUnpublished(limit).flatMap(rows -> publish(rows, limit, OutgoingEvent::of,
                (alarm, at) -> alarm.publishedAt = at));
    }

    /** One batch of outbox events, likewise. */
    @WithTransaction
    Uni<Round> relayOutbox(int limit) {
        return outboxEvents.lockUnpublished(limit).flatMap(rows -> publish(rows, limit, outbox::eventOf,
                (event, at) -> event.publishedAt = at));
    }

    /** Publishes the rows together (in order: the producer keeps one worker's events in order) and marks what was acknowledged. */
    private <T> Uni<Round> publish(List<T> rows, int limit, Function<T, OutgoingEvent> event,
            BiConsumer<T, Instant> markPublished) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Round.NOTHING);
        }
        List<Uni<Boolean>> sends = rows.stream()
                .map(row -> outbox.publishForRelay(event.apply(row)).invoke(acknowledged -> {
                    if (acknowledged) {
                        markPublished.accept(row, Instant.now());
                    }
                }))
                .toList();
        return Uni.join().all(sends).andCollectFailures().map(results -> {
            int acknowledged = (int) results.stream().filter(Boolean::booleanValue).count();
            if (acknowledged > 0) {
                LOG.infof("Relayed %d event(s) the broker had not acknowledged before", acknowledged);
            }
            return new Round(acknowledged, acknowledged == rows.size(), rows.size() == limit);
        });
    }

    @WithSession
    Uni<Void> countUnpublished() {
        return alarms.countUnpublished().invoke(metrics::unpublished).replaceWithVoid();
    }

    @Scheduled(identity = "outbox-purge", every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeRegularly() {
        return purge()
                .onFailure().invoke(e -> LOG.warnf("Purging the outbox failed (%s); retrying at the next run",
                        e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes outbox events published longer ago than {@code alarm.relay.retention}. */
    @WithTransaction
    Uni<Long> purge() {
        return outboxEvents.deletePublishedBefore(Instant.now().minus(config.relay().retention()));
    }
}
