package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTopics;

/**
 * Publishes events on {@code alarm.events} the way alarm-service does: JSON payloads, keyed by
 * worker id, CloudEvent attributes in headers (binary mode).
 */
public final class AlarmEvents {

    private AlarmEvents() {
    }

    /** A raised alarm from the app, without details. */
    public static void raised(UUID alarmId, String worker, String kind) {
        alarm(EventTypes.ALARM_RAISED, alarmId, worker, kind, "APP", false);
    }

    /** An alarm of the given type (raised or missed check-in); the CloudEvent id is the alarm id. */
    public static void alarm(String type, UUID alarmId, String worker, String kind, String channel, boolean hasDetails) {
        String payload = "{\"alarmId\":\"" + alarmId + "\",\"workerId\":\"" + worker + "\",\"kind\":\"" + kind
                + "\",\"channel\":\"" + channel + "\",\"raisedAt\":\"" + Instant.now() + "\",\"hasDetails\":" + hasDetails + "}";
        send(worker, type, alarmId.toString(), payload);
    }

    /** A cancel with her cancel PIN. */
    public static void cancelled(UUID eventId, UUID alarmId, String worker) {
        pinEntry(EventTypes.ALARM_CANCELLED, eventId, alarmId, worker);
    }

    /** A "cancel" with her duress PIN. */
    public static void duress(UUID eventId, UUID alarmId, String worker) {
        pinEntry(EventTypes.ALARM_DURESS, eventId, alarmId, worker);
    }

    /** A device warning ({@link EventTypes#DEVICE_OFFLINE} or {@link EventTypes#DEVICE_BATTERY_LOW}). */
    public static void deviceWarning(String type, UUID eventId, String deviceId, String worker) {
        String payload = "{\"eventId\":\"" + eventId + "\",\"deviceId\":\"" + deviceId + "\",\"workerId\":\"" + worker
                + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
        send(worker, type, eventId.toString(), payload);
    }

    /** Any payload with the given type and CloudEvent id. */
    public static void send(String worker, String type, String eventId, String payload) {
        KafkaTopics.send(Topics.ALARM_EVENTS, worker, payload, Map.of("ce_specversion", "1.0", "ce_id", eventId,
                "ce_type", type, "ce_source", EventTypes.SOURCE_ALARM_SERVICE, "content-type", "application/json"));
    }

    private static void pinEntry(String type, UUID eventId, UUID alarmId, String worker) {
        String payload = "{\"alarmId\":\"" + alarmId + "\",\"workerId\":\"" + worker + "\",\"occurredAt\":\""
                + Instant.now() + "\"}";
        send(worker, type, eventId.toString(), payload);
    }
}
