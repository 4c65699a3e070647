package nl.alarmcentral.alarm.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.alarm.OutboxEvent;
import nl.alarmcentral.alarm.config.AlarmConfig;
import nl.alarmcentral.alarm.messaging.AlarmEventPublisher;
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.alarm.repository.OutboxEventRepository;

/**
 * alarm-service's one way to publish (docs/architecture.md, "Durability before the answer"):
 * whatever it accepts (an alarm, a missed check-in, a cancel, a duress, a button's warning) is
 * first durable in the database, in the transaction of the decision that made it (an alarm row is
 * its own outbox; every other event is an {@link OutboxEvent}), and then published at once. When
 * the broker acknowledges within {@link AlarmConfig#publishWait()}, the caller marks the event
 * published; when it does not, the transaction still commits and {@link EventRelay} publishes the
 * event later. Events are published with stable ids, so a copy sent twice (a late acknowledgement
 * and the relay) is recognised by dispatch as the same event.
 *
 * <p>After a failure the broker is not asked again for {@link AlarmConfig#storeRetryInterval()}
 * ({@link StoreBreaker}): presses then commit without waiting, and the relay probes the broker.
 *
 * <p>The one exception to "database first" is an alarm the database could not take
 * ({@link #publishNotStored}): then the broker's acknowledgement alone makes it durable.
 */
@ApplicationScoped
public class EventOutbox {

    private static final Logger LOG = Logger.getLogger(EventOutbox.class);

    private final AlarmEventPublisher publisher;
    private final OutboxEventRepository outbox;
    private final AlarmRepository alarms;
    private final ObjectMapper json;
    private final AlarmConfig config;
    private final Vertx vertx;
    private final StoreBreaker broker;

    public EventOutbox(AlarmEventPublisher publisher, OutboxEventRepository outbox, AlarmRepository alarms, ObjectMapper json,
            AlarmConfig config, Vertx vertx) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.alarms = alarms;
        this.json = json;
        this.config = config;
        this.vertx = vertx;
        this.broker = new StoreBreaker(config.storeRetryInterval());
    }

    /** Where the durable copy of an event is, so that a late acknowledgement can be recorded there. */
    public enum Copy {
        /** The alarm's own row. */
        ALARM_ROW,
        /** A row of {@code outbox_event}. */
        OUTBOX
    }

    /**
     * Publishes an event whose durable copy is part of the caller's transaction, unless the broker
     * just failed. Never fails. An acknowledgement that comes after the wait is still recorded (in
     * a transaction of its own, once the caller's has committed), so that the relay does not send
     * the event again.
     *
     * @param copy where the durable copy is
     * @return whether the broker acknowledged it within {@link AlarmConfig#publishWait()}: the
     *         caller then marks it published in the same transaction
     */
    public Uni<Boolean> publishNow(OutgoingEvent event, Copy copy) {
        if (!broker.allow()) {
            return Uni.createFrom().item(false);
        }
        return acknowledged(publisher.send(event), config.publishWait(), () -> recordLateAcknowledgement(event, copy))
                .invoke(acked -> {
                    if (!acked) {
                        LOG.debugf("Event %s not acknowledged in time; the relay will publish it", event.id());
                    }
                });
    }

    /**
     * Stores a cancel, duress or warning in the outbox in the caller's transaction (once per
     * event id), and publishes it now if {@code now} and the broker is there.
     *
     * @param now whether to publish at once; false when it must wait for an event before it (its
     *            alarm, which the relay has not published yet), so that dispatch sees them in order
     */
    public Uni<Void> enqueue(OutgoingEvent event, boolean now) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.id();
        row.type = event.type();
        row.workerId = event.workerId();
        row.occurredAt = event.time();
        row.createdAt = Instant.now();
        try {
            row.payload = json.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("An event payload cannot be written as JSON", e));
        }
        return outbox.insertIfAbsent(row).flatMap(inserted -> {
            if (!inserted || !now) {
                return Uni.createFrom().voidItem();
            }
            return publishNow(event, Copy.OUTBOX).flatMap(acked -> acked
                    ? outbox.markPublished(event.id(), Instant.now()).replaceWithVoid()
                    : Uni.createFrom().voidItem());
        });
    }

    /**
     * Publishes an alarm that the database could not take; the broker is its only store, so this
     * waits up to {@link AlarmConfig#publishTimeout()}. Fails at once while the broker is known to
     * be away (the caller answers 503).
     *
     * @return completes when the broker acknowledged it; fails otherwise
     */
    public Uni<Void> publishNotStored(OutgoingEvent event, UUID clientRef) {
        if (!broker.allow()) {
            return Uni.createFrom().failure(new BrokerUnavailableException());
        }
        return acknowledged(publisher.sendNotStored(event, clientRef), config.publishTimeout(), null)
                .map(acked -> {
                    if (!acked) {
                        throw new BrokerUnavailableException();
                    }
                    return null;
                });
    }

    /**
     * Publishes an event for the relay, waiting up to {@link AlarmConfig#publishTimeout()};
     * ignores the breaker (the relay is what probes the broker). Never fails.
     *
     * @return whether the broker acknowledged it
     */
    Uni<Boolean> publishForRelay(OutgoingEvent event) {
        return acknowledged(publisher.send(event), config.publishTimeout(), null);
    }

    /** Whether the broker just failed and presses currently leave their events to the relay. */
    public boolean brokerSeemsAway() {
        return broker.isOpen();
    }

    /** The event of an outbox row, its payload as the JSON tree it was stored as. */
    OutgoingEvent eventOf(OutboxEvent row) {
        try {
            return new OutgoingEvent(row.type, row.eventId, row.workerId, row.occurredAt, json.readTree(row.payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox payload is not JSON", e);
        }
    }

    /**
     * Waits for an acknowledgement, at most {@code wait}, and feeds the breaker. The send itself is
     * not cancelled when the wait ends: a late acknowledgement still closes the breaker, and runs
     * {@code late} if given.
     */
    private Uni<Boolean> acknowledged(Uni<Void> send, Duration wait, Runnable late) {
        Executor caller = CallerContext.current();
        AtomicBoolean waited = new AtomicBoolean();
        Uni<Boolean> result = Uni.createFrom().emitter(emitter -> send.subscribe().with(
                ignored -> {
                    broker.succeeded();
                    if (waited.get() && late != null) {
                        late.run();
                    }
                    emitter.complete(true);
                },
                failure -> {
                    broker.failed();
                    LOG.debugf("The broker did not take an event (%s)", failure.getClass().getName());
                    emitter.complete(false);
                }));
        return result.ifNoItem().after(wait).recoverWithUni(() -> {
            waited.set(true);
            broker.failed();
            return Uni.createFrom().item(false);
        })
                // A timeout fires on a timer thread; the caller's transaction continues on its context.
                .emitOn(caller);
    }

    /**
     * Marks an event published that the broker acknowledged after its caller stopped waiting: on a
     * Vert.x context of its own (the caller's request is over), in a transaction of its own, which
     * waits for the caller's transaction to commit (the row is locked until then). A failure only
     * means the relay sends the event once more.
     */
    private void recordLateAcknowledgement(OutgoingEvent event, Copy copy) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withTransaction(() -> copy == Copy.ALARM_ROW
                ? alarms.markPublished(event.id(), Instant.now())
                : outbox.markPublished(event.id(), Instant.now()))
                .subscribe().with(
                        marked -> LOG.debugf("Event %s was acknowledged late; marked published", event.id()),
                        failure -> LOG.debugf("A late acknowledgement was not recorded (%s); the relay sends it again",
                                failure.getClass().getName())));
    }

    /** The broker did not take an alarm that only it could store. */
    public static final class BrokerUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokerUnavailableException() {
            super("The broker did not acknowledge in time", null, false, false);
        }
    }
}
