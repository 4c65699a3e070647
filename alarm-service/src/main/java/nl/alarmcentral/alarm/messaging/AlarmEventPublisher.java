package nl.alarmcentral.alarm.messaging;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.event.AlarmCancellation;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.DeviceEvent;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;

/**
 * Publishes alarm-service's events to {@link Topics#ALARM_EVENTS} as CloudEvents keyed by the
 * worker id (see {@code docs/events.md}). Every returned {@link Uni} completes only when the broker
 * acknowledged the event (acks=all, idempotent producer; see application.properties): that is what
 * lets the API tell a worker her alarm is safe.
 */
@ApplicationScoped
public class AlarmEventPublisher {

    private final MutinyEmitter<Object> emitter;

    public AlarmEventPublisher(@Channel("alarm-events") MutinyEmitter<Object> emitter) {
        this.emitter = emitter;
    }

    /** An alarm from the app or a button. */
    public Uni<Void> raised(AlarmEvent event) {
        return publish(EventTypes.ALARM_RAISED, event.alarmId().toString(), event.workerId(), event.raisedAt(), event);
    }

    /** A safety timer that ran out: an alarm of kind CHECKIN_MISSED. */
    public Uni<Void> checkinMissed(AlarmEvent event) {
        return publish(EventTypes.CHECKIN_MISSED, event.alarmId().toString(), event.workerId(), event.raisedAt(), event);
    }

    /**
     * A cancel, or a duress "cancel": the same payload, only the type differs.
     *
     * @param eventId a stable id for this cancel, so a retry is recognisable
     */
    public Uni<Void> cancellation(UUID eventId, AlarmCancellation cancellation, boolean duress) {
        return publish(duress ? EventTypes.ALARM_DURESS : EventTypes.ALARM_CANCELLED, eventId.toString(),
                cancellation.workerId(), cancellation.occurredAt(), cancellation);
    }

    /** A warning about a button ({@link EventTypes#DEVICE_OFFLINE} or {@link EventTypes#DEVICE_BATTERY_LOW}). */
    public Uni<Void> deviceWarning(String type, DeviceEvent event) {
        return publish(type, event.eventId().toString(), event.workerId(), event.occurredAt(), event);
    }

    /** Sends one event; completes when the broker has it, on the caller's Vert.x context. */
    private Uni<Void> publish(String type, String id, String workerId, Instant time, Object payload) {
        Message<Object> message = Message.of(payload)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(id)
                        .withType(type)
                        .withSource(URI.create(EventTypes.SOURCE_ALARM_SERVICE))
                        .withTimestamp(time.atZone(ZoneOffset.UTC))
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(workerId).build());
        Context context = Vertx.currentContext();
        Uni<Void> sent = emitter.sendMessage(message);
        // The broker's acknowledgement arrives on a Kafka thread; the caller's transaction must
        // continue on its own Vert.x context.
        return context == null ? sent : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
