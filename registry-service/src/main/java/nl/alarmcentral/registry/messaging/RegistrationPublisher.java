package nl.alarmcentral.registry.messaging;

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
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.event.WorkerRegistration;

/**
 * Publishes who is registered on the compacted topic {@link Topics#WORKER_REGISTRATIONS}, keyed by
 * worker id, as CloudEvents in binary mode:
 * <ul>
 * <li>{@link EventTypes#WORKER_REGISTERED} with a {@link WorkerRegistration} (her id and when she
 * registered; nothing else) on her first profile save;</li>
 * <li>a tombstone (null value) whose headers say {@link EventTypes#WORKER_ERASED} when she
 * withdraws: every service then drops what it holds about her, and compaction removes her
 * registration record from the topic.</li>
 * </ul>
 * Every returned {@link Uni} completes only when the broker acknowledged the record (acks=all,
 * idempotent producer; see application.properties).
 */
@ApplicationScoped
public class RegistrationPublisher {

    private final MutinyEmitter<Object> emitter;

    public RegistrationPublisher(@Channel("worker-registrations") MutinyEmitter<Object> emitter) {
        this.emitter = emitter;
    }

    /** She registered. */
    public Uni<Void> registered(WorkerRegistration registration) {
        Message<Object> message = Message.<Object>of(registration)
                .addMetadata(cloudEvent(EventTypes.WORKER_REGISTERED, UUID.randomUUID(), registration.registeredAt()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(registration.workerId()).build());
        return send(message);
    }

    /**
     * She withdrew: the tombstone.
     *
     * @param eventId a fresh id per attempt is fine: consumers act on the tombstone, not on its id
     */
    public Uni<Void> erased(String workerId, UUID eventId, Instant at) {
        Message<Object> message = Message.<Object>of(Record.of(workerId, null))
                .addMetadata(cloudEvent(EventTypes.WORKER_ERASED, eventId, at));
        return send(message);
    }

    private static OutgoingCloudEventMetadata<Object> cloudEvent(String type, UUID id, Instant time) {
        return OutgoingCloudEventMetadata.builder()
                .withId(id.toString())
                .withType(type)
                .withSource(URI.create(EventTypes.SOURCE_REGISTRY_SERVICE))
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .build();
    }

    /** Sends one record; completes when the broker has it, on the caller's Vert.x context. */
    private Uni<Void> send(Message<Object> message) {
        Context context = Vertx.currentContext();
        Uni<Void> sent = emitter.sendMessage(message);
        // The acknowledgement arrives on a Kafka thread; the caller's transaction must continue on
        // its own Vert.x context.
        return context == null ? sent : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
