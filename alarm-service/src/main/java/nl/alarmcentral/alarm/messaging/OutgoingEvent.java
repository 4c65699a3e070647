package nl.alarmcentral.alarm.messaging;

import java.time.Instant;
import java.util.UUID;

import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.EventTypes;

/**
 * One event for {@code alarm.events}: its CloudEvent type, id and time, its key (the worker) and
 * its payload (a contract record, or the JSON tree of one read back from the outbox).
 *
 * @param type     the CloudEvent type ({@link EventTypes})
 * @param id       the CloudEvent id; the same for every copy of the same event
 * @param workerId the worker; the Kafka key
 * @param time     the CloudEvent time
 * @param payload  what is serialised as the value
 */
public record OutgoingEvent(String type, UUID id, String workerId, Instant time, Object payload) {

    /** The event of an alarm row: {@code alarm.raised}, or {@code checkin.missed} for a safety timer. */
    public static OutgoingEvent of(Alarm alarm) {
        AlarmEvent event = new AlarmEvent(alarm.alarmId, alarm.workerId, alarm.kind, alarm.channel, alarm.raisedAt,
                alarm.hasDetails);
        String type = alarm.kind == AlarmKind.CHECKIN_MISSED ? EventTypes.CHECKIN_MISSED : EventTypes.ALARM_RAISED;
        return new OutgoingEvent(type, alarm.alarmId, alarm.workerId, alarm.raisedAt, event);
    }

    /**
     * This event as a rehearsal ({@link EventTypes#PATH_REHEARSAL}): sent like an alarm, skipped
     * by every consumer. Only for the synthetic alarm of the press path's readiness check.
     */
    public OutgoingEvent asRehearsal() {
        return new OutgoingEvent(EventTypes.PATH_REHEARSAL, id, workerId, time, payload);
    }
}
