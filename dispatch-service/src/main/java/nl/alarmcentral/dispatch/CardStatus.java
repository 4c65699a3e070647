package nl.alarmcentral.dispatch;

/** Whether the dispatcher has the worker's dispatch card for an incident. */
public enum CardStatus {
    /** Being fetched from the registry. */
    PENDING,
    /** Fetched; shown with the incident. */
    AVAILABLE,
    /** The registry could not be reached; retried in the background. */
    UNAVAILABLE,
    /** No card: the worker has no registration (work with what the alarm carried), or it was dropped (closed, erased). */
    NONE
}
