package nl.alarmcentral.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@link EventTypes#ALARM_CANCELLED} and {@link EventTypes#ALARM_DURESS} on
 * {@link Topics#ALARM_EVENTS}: the same shape for both, so only the type tells them apart.
 *
 * @param alarmId    the alarm she cancelled (or seemed to); the CloudEvent id is a new id
 * @param workerId   the worker; also the Kafka key
 * @param occurredAt when she entered the PIN
 */
public record AlarmCancellation(UUID alarmId, String workerId, Instant occurredAt) {
}
