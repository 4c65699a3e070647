package nl.alarmcentral.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import nl.alarmcentral.contract.event.IncidentEvent;
import nl.alarmcentral.contract.messaging.UnprocessableEventException;

/**
 * Reads the JSON payload of an {@code incident.events} record into the contract's record and
 * checks that every field the registry relies on is there. Anything it cannot read is an
 * {@link UnprocessableEventException}. Used by {@link IncidentEventConsumer}, and by the card
 * path's warm-up so that a first opening after a start is read as fast as any other.
 *
 * <p>Unknown fields are ignored: a producer may add an optional field without a new version.
 */
@ApplicationScoped
public class IncidentEventReader {

    /** Longest worker id the database holds. */
    private static final int MAX_WORKER_ID_LENGTH = 64;

    private final ObjectReader reader;

    public IncidentEventReader(ObjectMapper json) {
        this.reader = json.readerFor(IncidentEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** An opening or a closing. */
    public IncidentEvent read(String type, String payload) {
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
}
