package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentOutboxEvent;
import nl.alarmcentral.dispatch.messaging.IncidentEventPublisher;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;
import nl.alarmcentral.dispatch.repository.IncidentOutboxRepository;

/**
 * Moves incident events from the outbox ({@link IncidentOutboxEvent}) to {@code incident.events}.
 * Right after the transaction that opened or closed an incident commits, its events are published
 * in the background; whatever was not acknowledged then (the broker away, a restart in between) is
 * picked up by a scheduled round until the broker acknowledges it. Publishing is at least once: an
 * event can go out twice (two instances, or a crash between the acknowledgement and recording
 * it), always with the same CloudEvent id, and the registry treats a repeated id as one event.
 *
 * <p>Only once {@code incident.opened} is acknowledged is the incident's dispatch card fetched:
 * the registry discloses a card only for an incident it knows to be open. An incident's events
 * go out in the order they were written, and a later one never overtakes an earlier one that
 * failed (a {@code closed} before its {@code opened} would leave the registry thinking the
 * incident open).
 *
 * <p>An {@code incident.closed} names the incident's alarms, read from {@code incident_alarm} in the
 * session that loads the events (whoever closed it: a dispatcher, the automatic close): every
 * attempt publishes the same ids, and the retention job keeps those rows until the event is
 * acknowledged.
 *
 * <p>Acknowledgements are recorded in batches (one statement for those of the last
 * {@link #ACKNOWLEDGEMENT_BATCH_DELAY}): at fifty alarms a second a transaction per event is a large
 * part of the database's work. The cards are fetched once the batch is recorded. An
 * acknowledgement lost with a crash in between only means the event is published once more.
 */
@ApplicationScoped
public class IncidentEventRelay {

    private static final Logger LOG = Logger.getLogger(IncidentEventRelay.class);

    /**
     * Events younger than this are left to the publication right after their commit (which may take
     * up to the producer's delivery timeout, 7.5 s, when the broker is slow).
     */
    private static final Duration GRACE = Duration.ofSeconds(10);

    /** At most this many events per scheduled round. */
    private static final int BATCH = 100;

    /** How long acknowledgements are collected before they are recorded together. */
    static final Duration ACKNOWLEDGEMENT_BATCH_DELAY = Duration.ofMillis(100);

    private final IncidentOutboxRepository outbox;
    private final IncidentAlarmRepository alarms;
    private final IncidentEventPublisher publisher;
    private final CardFetcher cards;
    private final BackgroundTasks background;
    private final Vertx vertx;

    /** Acknowledged events whose acknowledgement is not recorded yet. */
    private final Queue<IncidentOutboxEvent> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean recordingScheduled = new AtomicBoolean();

    public IncidentEventRelay(IncidentOutboxRepository outbox, IncidentAlarmRepository alarms,
            IncidentEventPublisher publisher, CardFetcher cards, BackgroundTasks background, Vertx vertx) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.alarms = alarms;
        this.publisher = publisher;
        this.cards = cards;
        this.background = background;
    }

    /**
     * Publishes the incident's unpublished events without making the caller wait. Call it after
     * the transaction that wrote them has committed.
     */
    public void publishSoon(UUID incidentId) {
        background.runSoon("Publishing an incident's events",
                () -> unpublished(incidentId).flatMap(this::publishInOrder));
    }

    @WithSession
    Uni<List<IncidentOutboxEvent>> unpublished(UUID incidentId) {
        return outbox.listUnpublished(incidentId).call(this::withAlarmIds);
    }

    /** Publishes events that were not acknowledged right after their commit. */
    @Scheduled(every = "${dispatch.outbox-retry-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryUnpublished() {
        return unpublishedBefore(Instant.now().minus(GRACE))
                .onItem().transformToMulti(events -> Multi.createFrom().iterable(byIncident(events)))
                .onItem().transformToUniAndConcatenate(events -> publishInOrder(events)
                        // One incident's failure must not keep the others waiting until the next round.
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }

    @WithSession
    Uni<List<IncidentOutboxEvent>> unpublishedBefore(Instant before) {
        return outbox.listUnpublishedBefore(before, BATCH).call(this::withAlarmIds);
    }

    /** Fills in the alarm ids of the closings among the events, in the caller's session. */
    private Uni<Void> withAlarmIds(List<IncidentOutboxEvent> events) {
        List<UUID> closed = events.stream().filter(IncidentOutboxEvent::isClosed).map(event -> event.incidentId)
                .distinct().toList();
        if (closed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return alarms.listForIncidents(closed).invoke(found -> {
            Map<UUID, List<UUID>> byIncident = new LinkedHashMap<>();
            for (IncidentAlarm alarm : found) {
                byIncident.computeIfAbsent(alarm.incidentId, id -> new ArrayList<>()).add(alarm.alarmId);
            }
            events.stream().filter(IncidentOutboxEvent::isClosed)
                    .forEach(event -> event.alarmIds = List.copyOf(byIncident.getOrDefault(event.incidentId, List.of())));
        }).replaceWithVoid();
    }

    /** One incident's events, one after the other; stops at the first that fails. */
    private Uni<Void> publishInOrder(List<IncidentOutboxEvent> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> publish(IncidentOutboxEvent event) {
        return publisher.publish(event)
                .onFailure().invoke(failure -> LOG.warnf("Event %s (%s) not acknowledged (%s); will retry",
                        event.eventId, event.type, failure.getClass().getSimpleName()))
                .invoke(() -> {
                    LOG.debugf("Event %s (%s) acknowledged", event.eventId, event.type);
                    recordSoon(event);
                });
    }

    /**
     * Records the acknowledgement with the others of the next moment; then, for an
     * {@code incident.opened}, the card is fetched.
     */
    private void recordSoon(IncidentOutboxEvent event) {
        acknowledged.add(event);
        if (recordingScheduled.compareAndSet(false, true)) {
            vertx.setTimer(ACKNOWLEDGEMENT_BATCH_DELAY.toMillis(), timer -> background.runSoon(
                    "Recording that incident events were acknowledged", this::recordAcknowledged));
        }
    }

    private Uni<Void> recordAcknowledged() {
        recordingScheduled.set(false);
        List<IncidentOutboxEvent> events = new ArrayList<>();
        for (IncidentOutboxEvent event = acknowledged.poll(); event != null; event = acknowledged.poll()) {
            events.add(event);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return markPublished(events.stream().map(event -> event.eventId).toList())
                // Acknowledged all the same: at worst a later round publishes them again.
                .onFailure().invoke(failure -> LOG.warnf("Could not record that %d incident event(s) were acknowledged: %s",
                        events.size(), failure.getClass().getName()))
                .onFailure().recoverWithNull()
                .invoke(() -> events.stream().filter(IncidentOutboxEvent::isOpened)
                        .forEach(event -> cards.fetchSoon(event.incidentId, event.workerId)))
                .replaceWithVoid();
    }

    /** Records the acknowledgement; a withdrawn worker's events, published now, are deleted (erasure). */
    @WithTransaction
    Uni<Integer> markPublished(List<UUID> eventIds) {
        return outbox.markPublished(eventIds, Instant.now()).call(() -> outbox.deletePublishedOfErased(eventIds));
    }

    /** Events grouped by incident, each group in the order written, groups by their oldest event. */
    private static List<List<IncidentOutboxEvent>> byIncident(List<IncidentOutboxEvent> events) {
        Map<UUID, List<IncidentOutboxEvent>> groups = new LinkedHashMap<>();
        events.forEach(event -> groups.computeIfAbsent(event.incidentId, id -> new ArrayList<>()).add(event));
        return new ArrayList<>(groups.values());
    }
}
