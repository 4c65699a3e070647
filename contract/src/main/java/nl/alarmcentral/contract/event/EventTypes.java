package nl.alarmcentral.contract.event;

/**
 * CloudEvent {@code type} values. The version suffix changes only when a payload changes in a way
 * an old consumer cannot read; consumers reject (dead-letter) types they do not know.
 */
public final class EventTypes {

    /** A worker (or her device, or a missed check-in) raised an alarm. Payload: {@link AlarmEvent}. */
    public static final String ALARM_RAISED = "nl.alarmcentral.alarm.raised.v1";

    /** An incident was opened for a worker. Payload: {@link IncidentEvent}. */
    public static final String INCIDENT_OPENED = "nl.alarmcentral.incident.opened.v1";

    /** An incident was closed; its dispatch card may no longer be disclosed. Payload: {@link IncidentEvent}. */
    public static final String INCIDENT_CLOSED = "nl.alarmcentral.incident.closed.v1";

    /** CloudEvent {@code source} of events that alarm-service produces. */
    public static final String SOURCE_ALARM_SERVICE = "/alarm-service";

    /** CloudEvent {@code source} of events that dispatch-service produces. */
    public static final String SOURCE_DISPATCH_SERVICE = "/dispatch-service";

    private EventTypes() {
    }
}
