package nl.alarmcentral.dispatch;

/** Whether the dispatcher has an alarm's claim-checked details (position, timer note). */
public enum DetailsStatus {
    /** The alarm carried none, or alarm-service no longer has them. */
    NONE,
    /** Being fetched from alarm-service. */
    PENDING,
    /** Fetched; shown with the alarm. */
    AVAILABLE,
    /** alarm-service could not be reached (or did not have them yet); retried in the background. */
    UNAVAILABLE
}
