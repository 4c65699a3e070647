package nl.alarmcentral.contract.event;

/**
 * The Kafka topics of the central, named in one place so that producers, consumers, the local
 * stack and the deploy files cannot drift apart. Payloads are documented in {@code docs/events.md}.
 */
public final class Topics {

    /**
     * Alarm life-cycle events from alarm-service (raised, missed check-in, cancelled, duress, device
     * warnings); keyed by worker id, so one worker's events stay in order.
     */
    public static final String ALARM_EVENTS = "alarm.events";

    /** Incident life-cycle events from dispatch-service (opened, closed); keyed by worker id. */
    public static final String INCIDENT_EVENTS = "incident.events";

    /**
     * "Incident X changed" (ids only), from dispatch-service to every dispatch-service instance:
     * each consumes it with its own group and pushes the change to its own consoles.
     */
    public static final String INCIDENT_CHANGES = "incident.changes";

    /** Which hardware button belongs to which worker; compacted, keyed by device id, owned by registry-service. */
    public static final String DEVICE_BINDINGS = "device.bindings";

    /**
     * Who is registered; compacted, keyed by worker id, owned by registry-service. A tombstone
     * (null value, CloudEvent type {@link EventTypes#WORKER_ERASED} in its headers) means she
     * withdrew: every service then drops what it holds about her.
     */
    public static final String WORKER_REGISTRATIONS = "worker.registrations";

    /** Where a consumer of {@link #ALARM_EVENTS} parks an event it could not process. */
    public static final String ALARM_EVENTS_DEAD_LETTER = "alarm.events.dlq";

    /** Where a consumer of {@link #INCIDENT_EVENTS} parks an event it could not process. */
    public static final String INCIDENT_EVENTS_DEAD_LETTER = "incident.events.dlq";

    /** Every topic, with how to create it. */
    public static final java.util.List<TopicSpec> ALL = java.util.List.of(
            new TopicSpec(ALARM_EVENTS, 3, false),
            new TopicSpec(INCIDENT_EVENTS, 3, false),
            new TopicSpec(INCIDENT_CHANGES, 3, false),
            new TopicSpec(DEVICE_BINDINGS, 3, true),
            new TopicSpec(WORKER_REGISTRATIONS, 3, true),
            new TopicSpec(ALARM_EVENTS_DEAD_LETTER, 1, false),
            new TopicSpec(INCIDENT_EVENTS_DEAD_LETTER, 1, false));

    private Topics() {
    }
}
