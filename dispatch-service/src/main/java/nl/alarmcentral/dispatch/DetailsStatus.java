package nl.alarmcentral.dispatch;

/**
 * Whether the dispatcher has an alarm's claim-checked details (position, timer note), as the
 * instance that answers holds them in memory ({@code service/IncidentCardStore}).
 */
public enum DetailsStatus {
    /** The alarm carried none, alarm-service no longer has them, she withdrew, or the incident closed. */
    NONE,
    /** Not fetched by this instance yet: being fetched from alarm-service. */
    PENDING,
    /** Fetched; shown with the alarm. */
    AVAILABLE,
    /** alarm-service could not be reached (or did not have them yet); retried in the background. */
    UNAVAILABLE
}
