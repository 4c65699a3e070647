package nl.alarmcentral.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@link EventTypes#DEVICE_OFFLINE} and {@link EventTypes#DEVICE_BATTERY_LOW} on
 * {@link Topics#ALARM_EVENTS}: warnings about a worker's hardware button, not alarms.
 *
 * @param eventId    id of this warning; also the CloudEvent id
 * @param deviceId   the button
 * @param workerId   the worker it is bound to; also the Kafka key
 * @param occurredAt when the central noticed
 */
public record DeviceEvent(UUID eventId, String deviceId, String workerId, Instant occurredAt) {
}
