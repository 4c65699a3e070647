package nl.alarmcentral.registry.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.IncidentEvent;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.messaging.EventProcessing;
import nl.alarmcentral.contract.messaging.UnprocessableEventException;
import nl.alarmcentral.registry.service.IncidentService;

/**
 * Follows {@code incident.events} from dispatch-service (group {@code registry-service}): the
 * openings and closings of incidents are what allow, and then stop, the disclosure of a worker's
 * dispatch card.
 *
 * <p>Failure strategy ({@link EventProcessing}): an event that can never be processed (unknown
 * type, no usable id, unreadable payload, a required field missing) goes to
 * {@code incident.events.dlq} at once; a passing failure (the database away) is waited out however
 * long it lasts; any other failure is retried for a while, then dead-lettered.
 * Redeliveries are harmless: every CloudEvent id is recorded with its effect.
 */
@ApplicationScoped
public class IncidentEventConsumer {

    private static final Logger LOG = Logger.getLogger(IncidentEventConsumer.class);

    /** Longest CloudEvent id and worker id the database holds. */
    private static final int MAX_EVENT_ID_LENGTH = 200;
    private static final int MAX_WORKER_ID_LENGTH = 64;

    private final IncidentService incidents;
    /** Unknown fields are ignored: a producer may add an optional field without a new version. */
    private final ObjectReader reader;
    private final EventProcessing processing;
    private final Counter deadLettered;

    public IncidentEventConsumer(IncidentService incidents, ObjectMapper json, EventProcessing processing,
            MeterRegistry registry) {
        this.processing = processing;
        this.deadLettered = Counter.builder("alarmcentral.events.dead.lettered").tag("topic", Topics.INCIDENT_EVENTS)
                .description("Events sent to the dead-letter topic after they could not be processed").register(registry);
        this.incidents = incidents;
        this.reader = json.readerFor(IncidentEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Incoming("incident-events")
    public Uni<Void> consume(Message<String> message) {
        Optional<IncomingCloudEventMetadata<?>> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(metadata -> (IncomingCloudEventMetadata<?>) metadata);
        String type = cloudEvent.map(IncomingCloudEventMetadata::getType).orElse("none");
        String id;
        IncidentEvent event;
        try {
            id = cloudEvent.map(IncomingCloudEventMetadata::getId)
                    .filter(value -> !value.isBlank() && value.length() <= MAX_EVENT_ID_LENGTH)
                    .orElseThrow(() -> new UnprocessableEventException("Event of type " + type + " has no usable id"));
            if (!EventTypes.INCIDENT_OPENED.equals(type) && !EventTypes.INCIDENT_CLOSED.equals(type)) {
                throw new UnprocessableEventException("Unknown event type " + type);
            }
            event = read(type, message.getPayload());
        } catch (UnprocessableEventException e) {
            LOG.warnf("Unprocessable event on incident.events: %s; dead-lettered", e.getMessage());
            return deadLetter(message, e);
        }
        return processing.untilDone(message, () -> incidents.record(id, type, event), EventProcessing.Patience.UNTIL_GIVEN_UP)
                .onItemOrFailure().transformToUni((applied, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : deadLetter(message, failure));
    }

    private IncidentEvent read(String type, String payload) {
        if (payload == null || payload.isBlank()) {
            throw new UnprocessableEventException("Event of type " + type + " has no payload");
        }
        IncidentEvent event;
        try {
            event = reader.readValue(payload);
        } catch (JacksonException e) {
            // Jackson's message may quote the payload; only its class is kept.
            throw new UnprocessableEventException("Unreadable payload of type " + type + " (" + e.getClass().getSimpleName() + ")");
        }
        if (event == null || event.incidentId() == null || event.workerId() == null || event.occurredAt() == null) {
            throw new UnprocessableEventException("Event of type " + type + " lacks a required field");
        }
        if (event.workerId().isBlank() || event.workerId().length() > MAX_WORKER_ID_LENGTH) {
            throw new UnprocessableEventException("Event of type " + type + " has an empty or overlong worker id");
        }
        return event;
    }

    /** Sends the event to the dead-letter topic (the failure strategy) and counts it. */
    private Uni<Void> deadLetter(Message<?> message, Throwable reason) {
        deadLettered.increment();
        return Uni.createFrom().completionStage(message.nack(reason));
    }
}
