package nl.alarmcentral.dispatch.messaging;

import java.net.URI;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.IncidentEvent;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.IncidentOutboxEvent;

/**
 * Publishes incident events to {@link Topics#INCIDENT_EVENTS}: CloudEvents in binary mode, type
 * {@link EventTypes#INCIDENT_OPENED} or {@link EventTypes#INCIDENT_CLOSED}, source
 * {@value EventTypes#SOURCE_DISPATCH_SERVICE}, id the outbox event's id (the same on every attempt),
 * keyed by worker id, payload {@link IncidentEvent} {@code {incidentId, workerId, occurredAt, alarmIds}}
 * ({@code alarmIds}: the incident's alarms on a closing, empty otherwise). registry-service follows
 * them to know for which incidents it may disclose a dispatch card; alarm-service follows the
 * closings to drop those alarms' positions and timer notes.
 *
 * <p>The returned {@link Uni} completes only when the broker acknowledged the event (acks=all,
 * idempotent producer; see application.properties).
 */
@ApplicationScoped
public class IncidentEventPublisher {

    private final MutinyEmitter<IncidentEvent> emitter;

    public IncidentEventPublisher(@Channel("incident-events") MutinyEmitter<IncidentEvent> emitter) {
        this.emitter = emitter;
    }

    /** Sends one event; completes when the broker has it, on the caller's Vert.x context. */
    public Uni<Void> publish(IncidentOutboxEvent event) {
        Message<IncidentEvent> message = Message.of(new IncidentEvent(event.incidentId, event.workerId, event.occurredAt,
                event.isClosed() ? event.alarmIds : null))
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId.toString())
                        .withType(event.type)
                        .withSource(URI.create(EventTypes.SOURCE_DISPATCH_SERVICE))
                        .withTimestamp(event.occurredAt.atZone(ZoneOffset.UTC))
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.workerId).build());
        Context context = Vertx.currentContext();
        Uni<Void> sent = Uni.createFrom().deferred(() -> emitter.sendMessage(message));
        // The acknowledgement arrives on a Kafka thread; what follows (a transaction) must run on
        // the caller's own Vert.x context.
        return context == null ? sent : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
