package nl.alarmcentral.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@link EventTypes#ALARM_RAISED} and {@link EventTypes#CHECKIN_MISSED} on
 * {@link Topics#ALARM_EVENTS}.
 *
 * <p>It carries ids and facts about the alarm, never personal data. What the dispatcher needs
 * beyond that comes by claim check, for the open incident only: her notes from the registry, and
 * the alarm's details (the device's live location, the safety timer's note) from alarm-service,
 * which keeps them out of Kafka so that erasing a worker leaves no readable copy in the topic's
 * history.
 *
 * @param alarmId  stable id of the alarm; also the CloudEvent id, so redeliveries are recognisable
 * @param workerId the worker's account id (the token subject); also the Kafka key
 * @param kind     what kind of alarm
 * @param channel  how it reached the central
 * @param raisedAt when the central accepted it
 * @param hasDetails whether alarm-service holds details (location, timer note) for this alarm
 */
public record AlarmEvent(UUID alarmId, String workerId, AlarmKind kind, AlarmChannel channel, Instant raisedAt,
        boolean hasDetails) {
}
