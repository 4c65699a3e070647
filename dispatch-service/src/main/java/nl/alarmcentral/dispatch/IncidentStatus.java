package nl.alarmcentral.dispatch;

/** Where an incident stands. A worker has at most one incident that is not closed. */
public enum IncidentStatus {
    /** Raised, nobody has taken it yet. */
    OPEN,
    /** A dispatcher has taken it. */
    ACKNOWLEDGED,
    /** Help is on its way (police, a trusted contact, other). */
    HELP_SENT,
    /** The outcome is recorded; follow-up may still run. */
    RESOLVED,
    /** Done; the dispatch card is gone. */
    CLOSED;

    /** Whether new alarms of the worker join this incident. */
    public boolean isActive() {
        return this != CLOSED;
    }
}
