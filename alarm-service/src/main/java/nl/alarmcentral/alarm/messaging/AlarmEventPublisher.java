package nl.alarmcentral.alarm.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;

/**
 * The only producer of {@link Topics#ALARM_EVENTS} in alarm-service: CloudEvents keyed by the
 * worker id (see {@code docs/events.md}). Every returned {@link Uni} completes only when the broker
 * acknowledged the event (acks=all, idempotent producer; see application.properties). Callers do
 * not use it directly but through {@code EventOutbox}, which decides when to publish and what a
 * missing acknowledgement means.
 */
@ApplicationScoped
public class AlarmEventPublisher {

    /**
     * Kafka header on an alarm that was published while its row could not be written (the database
     * was away): alarm-service's row follower ({@link AlarmRowFollower}) writes the row from the
     * event. Every other event lacks the header, so the follower skips it without a database call.
     */
    public static final String NOT_STORED_HEADER = "alarmcentral-not-stored";

    /** Kafka header with the client's reference of a not-stored alarm, which its row needs. */
    public static final String CLIENT_REF_HEADER = "alarmcentral-client-ref";

    private final MutinyEmitter<Object> emitter;

    public AlarmEventPublisher(@Channel("alarm-events") MutinyEmitter<Object> emitter) {
        this.emitter = emitter;
    }

    /** Sends an event whose durable copy is in the database (an alarm row or the outbox). */
    public Uni<Void> send(OutgoingEvent event) {
        return publish(event, null);
    }

    /**
     * Sends an alarm the database could not take: the broker's copy is the only one, and the
     * headers let the row follower write the row later.
     *
     * @param clientRef the client's reference of the press
     */
    public Uni<Void> sendNotStored(OutgoingEvent event, UUID clientRef) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(NOT_STORED_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        headers.add(CLIENT_REF_HEADER, clientRef.toString().getBytes(StandardCharsets.UTF_8));
        return publish(event, headers);
    }

    /** Sends one event; completes when the broker has it, on the caller's Vert.x context. */
    private Uni<Void> publish(OutgoingEvent event, RecordHeaders headers) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> kafka = OutgoingKafkaRecordMetadata
                .<String>builder().withKey(event.workerId());
        if (headers != null) {
            kafka.withHeaders(headers);
        }
        Message<Object> message = Message.of(event.payload())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.id().toString())
                        .withType(event.type())
                        .withSource(URI.create(EventTypes.SOURCE_ALARM_SERVICE))
                        .withTimestamp(event.time().atZone(ZoneOffset.UTC))
                        .build())
                .addMetadata(kafka.build());
        Context context = Vertx.currentContext();
        Uni<Void> sent = emitter.sendMessage(message);
        // The broker's acknowledgement arrives on a Kafka thread; the caller's transaction must
        // continue on its own Vert.x context.
        return context == null ? sent : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
