package nl.alarmcentral.dispatch.messaging;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.IncidentChanged;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.service.IncidentChange;

/**
 * Tells every dispatch-service instance that an incident changed: {@link IncidentChanged} (ids
 * only) on {@link Topics#INCIDENT_CHANGES}, keyed by incident id so one incident's changes stay in
 * order. Each instance's {@link IncidentChangeConsumer} rereads the incident and pushes it to its own
 * consoles. Call it after the change committed.
 *
 * <p>Fire and forget: a change lost on the way (the broker away for a moment) is caught up by
 * {@link nl.alarmcentral.dispatch.live.ConsoleBroadcaster}'s sweep, and nothing about the incident
 * itself depends on it.
 */
@ApplicationScoped
public class IncidentChangePublisher {

    private static final Logger LOG = Logger.getLogger(IncidentChangePublisher.class);

    private final MutinyEmitter<IncidentChanged> emitter;

    public IncidentChangePublisher(@Channel("incident-changes-out") MutinyEmitter<IncidentChanged> emitter) {
        this.emitter = emitter;
    }

    /** Publishes the change; null (nothing changed) is ignored. */
    public void changed(IncidentChange change) {
        if (change == null) {
            return;
        }
        Message<IncidentChanged> message = Message.of(new IncidentChanged(change.incidentId(), change.version(), change.changedAt(),
                change.opened()))
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString())
                        .withType(EventTypes.INCIDENT_CHANGED)
                        .withSource(URI.create(EventTypes.SOURCE_DISPATCH_SERVICE))
                        .withTimestamp(change.changedAt().atZone(ZoneOffset.UTC))
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(change.incidentId().toString()).build());
        emitter.sendMessage(message).subscribe().with(
                sent -> { },
                failure -> LOG.warnf("Change %d of incident %s not published (%s); consoles catch up at the next sweep",
                        change.version(), change.incidentId(), failure.getClass().getSimpleName()));
    }
}
