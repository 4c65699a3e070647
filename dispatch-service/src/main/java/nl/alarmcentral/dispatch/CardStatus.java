package nl.alarmcentral.dispatch;

/**
 * Whether the dispatcher has the worker's dispatch card for an incident, as the instance that
 * answers holds it in memory ({@code service/IncidentCardStore}): each instance fetches its own.
 */
public enum CardStatus {
    /** Not fetched by this instance yet (a new incident, after a restart, opened on another instance): being fetched. */
    PENDING,
    /** Fetched; shown with the incident. */
    AVAILABLE,
    /** The registry could not be reached; retried in the background. */
    UNAVAILABLE,
    /** No card: the worker has no registration (work with what the alarm carried), or it was dropped (closed, erased). */
    NONE
}
