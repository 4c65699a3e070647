package nl.alarmcentral.dispatch.messaging;

import java.util.Objects;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.alarmcentral.contract.messaging.UnprocessableEventException;

import nl.alarmcentral.contract.event.AlarmCancellation;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.DeviceEvent;

/**
 * Reads the JSON payloads of {@code alarm.events} into the contract's records and checks that
 * every field dispatch relies on is there. Anything it cannot read is an
 * {@link UnprocessableEventException}.
 *
 * <p>Unknown fields are ignored (unlike in requests to our own API): a producer may add an
 * optional field without a new event version (docs/events.md), and an alarm must not be
 * dead-lettered for carrying more than dispatch understands.
 */
@ApplicationScoped
public class AlarmEventReader {

    /** Longest worker or device id the database holds. */
    static final int MAX_ID_LENGTH = 64;

    private final ObjectMapper mapper;

    public AlarmEventReader(ObjectMapper mapper) {
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A raised alarm or a missed check-in. */
    public AlarmEvent alarm(String type, String payload) {
        AlarmEvent event = read(type, payload, AlarmEvent.class);
        require(type, event.alarmId(), event.workerId(), event.kind(), event.channel(), event.raisedAt());
        requireId(type, event.workerId());
        return event;
    }

    /** A cancel or a duress. */
    public AlarmCancellation cancellation(String type, String payload) {
        AlarmCancellation event = read(type, payload, AlarmCancellation.class);
        require(type, event.alarmId(), event.workerId(), event.occurredAt());
        requireId(type, event.workerId());
        return event;
    }

    /** A device warning. */
    public DeviceEvent deviceWarning(String type, String payload) {
        DeviceEvent event = read(type, payload, DeviceEvent.class);
        require(type, event.eventId(), event.deviceId(), event.workerId(), event.occurredAt());
        requireId(type, event.workerId());
        requireId(type, event.deviceId());
        return event;
    }

    private <T> T read(String type, String payload, Class<T> target) {
        if (payload == null || payload.isBlank()) {
            throw new UnprocessableEventException("Event of type " + type + " has no payload");
        }
        try {
            T value = mapper.readValue(payload, target);
            if (value == null) {
                throw new UnprocessableEventException("Event of type " + type + " has a null payload");
            }
            return value;
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the payload; only its class is kept.
            throw new UnprocessableEventException("Unreadable payload of type " + type + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void require(String type, Object... fields) {
        if (Stream.of(fields).anyMatch(Objects::isNull)) {
            throw new UnprocessableEventException("Event of type " + type + " lacks a required field");
        }
    }

    private static void requireId(String type, String id) {
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new UnprocessableEventException("Event of type " + type + " has an empty or overlong id");
        }
    }
}
