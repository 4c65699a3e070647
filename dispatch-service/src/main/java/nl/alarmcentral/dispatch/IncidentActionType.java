package nl.alarmcentral.dispatch;

/** What an entry of an incident's action log records. */
public enum IncidentActionType {
    /** A dispatcher took the incident (explicitly, or by sending help or resolving it first). */
    ACKNOWLEDGED,
    /** A dispatcher's note. */
    NOTE,
    /** A dispatcher tried to reach her or a trusted contact. */
    CONTACT_ATTEMPT,
    /** A dispatcher sent help. */
    HELP_SENT,
    /** A dispatcher recorded the outcome. */
    RESOLVED,
    /** The incident was closed, by a dispatcher or automatically after dispatch.close-after. */
    CLOSED,
    /** Nobody took the incident within dispatch.escalate-after. */
    ESCALATED
}
