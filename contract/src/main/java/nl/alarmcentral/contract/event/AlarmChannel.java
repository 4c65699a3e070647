package nl.alarmcentral.contract.event;

/** How an alarm reached the central. Used for counting and for the dispatcher's context. */
public enum AlarmChannel {
    /** The worker app or its API. */
    APP,
    /** A hardware button. */
    DEVICE,
    /** A safety timer that expired. */
    TIMER
}
