package nl.alarmcentral.contract.event;

/**
 * CloudEvent {@code type} values. The version suffix changes only when a payload changes in a way
 * an old consumer cannot read; consumers dead-letter types they do not know. What each type
 * carries is described in {@code docs/events.md}.
 */
public final class EventTypes {

    /** A worker raised an alarm in the app or on her button. Payload: {@link AlarmEvent}. */
    public static final String ALARM_RAISED = "nl.alarmcentral.alarm.raised.v1";

    /** A safety timer ran out without her confirming she is safe: an alarm. Payload: {@link AlarmEvent}. */
    public static final String CHECKIN_MISSED = "nl.alarmcentral.checkin.missed.v1";

    /** She cancelled an alarm with her cancel PIN. Payload: {@link AlarmCancellation}. */
    public static final String ALARM_CANCELLED = "nl.alarmcentral.alarm.cancelled.v1";

    /**
     * She "cancelled" with her duress PIN: to her and anyone watching it looked like a cancel, but
     * she needs help now. Top priority; never shown as cancelled. Payload: {@link AlarmCancellation},
     * the same shape as a cancel.
     */
    public static final String ALARM_DURESS = "nl.alarmcentral.alarm.duress.v1";

    /**
     * alarm-service rehearsing its send at start (issue 21, warm before ready): the first send of
     * a fresh producer costs about 100 ms of first-time work, which the first real alarm must not
     * pay. No worker: the key and the payload's worker are a reserved id no account can have.
     * Every consumer of {@link Topics#ALARM_EVENTS} acknowledges it and does nothing else (it is
     * not an unknown type: it is never dead-lettered). Payload: {@link AlarmEvent} of that id.
     */
    public static final String PATH_REHEARSAL = "nl.alarmcentral.alarm.rehearsal.v1";

    /** A hardware button stopped sending heartbeats: a warning, not an alarm. Payload: {@link DeviceEvent}. */
    public static final String DEVICE_OFFLINE = "nl.alarmcentral.device.offline.v1";

    /** A hardware button reported a low battery: a warning. Payload: {@link DeviceEvent}. */
    public static final String DEVICE_BATTERY_LOW = "nl.alarmcentral.device.battery-low.v1";

    /** A hardware button was bound to a worker (tombstone: unbound). Payload: {@link DeviceBinding}. */
    public static final String DEVICE_BOUND = "nl.alarmcentral.device.bound.v1";

    /** A worker registered (or changed her registration). Payload: {@link WorkerRegistration}. */
    public static final String WORKER_REGISTERED = "nl.alarmcentral.worker.registered.v1";

    /**
     * A worker withdrew her consent: a tombstone on {@link Topics#WORKER_REGISTRATIONS} whose
     * headers carry this type. Every service drops what it holds about her at once.
     */
    public static final String WORKER_ERASED = "nl.alarmcentral.worker.erased.v1";

    /** An incident was opened for a worker. Payload: {@link IncidentEvent}. */
    public static final String INCIDENT_OPENED = "nl.alarmcentral.incident.opened.v1";

    /**
     * An incident was closed; its dispatch card may no longer be disclosed, and its alarms' positions
     * and timer notes are dropped. Payload: {@link IncidentEvent} with the ids of its alarms.
     */
    public static final String INCIDENT_CLOSED = "nl.alarmcentral.incident.closed.v1";

    /** An incident changed; consoles reload it. Payload: {@link IncidentChanged}. */
    public static final String INCIDENT_CHANGED = "nl.alarmcentral.incident.changed.v1";

    /** CloudEvent {@code source} of events that alarm-service produces. */
    public static final String SOURCE_ALARM_SERVICE = "/alarm-service";

    /** CloudEvent {@code source} of events that dispatch-service produces. */
    public static final String SOURCE_DISPATCH_SERVICE = "/dispatch-service";

    /** CloudEvent {@code source} of events that registry-service produces. */
    public static final String SOURCE_REGISTRY_SERVICE = "/registry-service";

    private EventTypes() {
    }
}
