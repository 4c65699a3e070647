package nl.alarmcentral.alarm.messaging;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;

/**
 * Publishes alarm events to {@link Topics#ALARM_EVENTS} as CloudEvents keyed by the worker id.
 * The returned {@link Uni} completes only when the broker acknowledged the event (acks=all,
 * idempotent producer; see application.properties), which is what lets the API tell a worker her
 * alarm is safe.
 */
@ApplicationScoped
public class AlarmEventPublisher {

    private final MutinyEmitter<AlarmEvent> emitter;

    public AlarmEventPublisher(@Channel("alarm-events") MutinyEmitter<AlarmEvent> emitter) {
        this.emitter = emitter;
    }

    /** Sends the event; completes when the broker has it, on the caller's Vert.x context. */
    public Uni<Void> publishRaised(AlarmEvent event) {
        Message<AlarmEvent> message = Message.of(event)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.alarmId().toString())
                        .withType(EventTypes.ALARM_RAISED)
                        .withSource(java.net.URI.create(EventTypes.SOURCE_ALARM_SERVICE))
                        .withTimestamp(event.raisedAt().atZone(ZoneOffset.UTC))
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.workerId()).build());
        Context context = Vertx.currentContext();
        Uni<Void> sent = emitter.sendMessage(message);
        // The broker's acknowledgement arrives on a Kafka thread; the caller's transaction must
        // continue on its own Vert.x context.
        return context == null ? sent : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
