package nl.alarmcentral.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of the {@link EventTypes#ALARM_RAISED} CloudEvent on {@link Topics#ALARM_EVENTS}.
 *
 * <p>It carries ids and facts about the alarm, never personal data: the dispatcher gets the
 * worker's notes from the registry, under her consent, for the open incident only.
 *
 * @param alarmId  stable id of the alarm; also the CloudEvent id, so redeliveries are recognisable
 * @param workerId the worker's account id (the token subject); also the Kafka key
 * @param kind     what kind of alarm
 * @param channel  how it reached the central
 * @param raisedAt when the central accepted it
 */
public record AlarmEvent(UUID alarmId, String workerId, AlarmKind kind, AlarmChannel channel, Instant raisedAt) {
}
