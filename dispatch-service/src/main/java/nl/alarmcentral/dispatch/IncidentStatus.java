package nl.alarmcentral.dispatch;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where an incident stands. A worker has at most one incident that is not finished (resolved or
 * closed): her alarms join it. Transitions: {@code docs/incidents.md}.
 */
public enum IncidentStatus {
    /** Raised, nobody has taken it yet. */
    OPEN,
    /** A dispatcher has taken it. */
    ACKNOWLEDGED,
    /** Help is on its way (police, a trusted contact, other). */
    HELP_SENT,
    /** The outcome is recorded; follow-up may still run. Closed automatically after dispatch.close-after. */
    RESOLVED,
    /** Done; the dispatch card is gone. */
    CLOSED;

    /** Whether new alarms of the worker join this incident: it is not finished. */
    public boolean isActive() {
        return !isFinished();
    }

    /** Resolved or closed: it has left the console's list and refuses further actions. */
    public boolean isFinished() {
        return this == RESOLVED || this == CLOSED;
    }

    /**
     * The unfinished statuses as an SQL list of literals ({@code 'OPEN', ...}), for native queries
     * that tell an incident on the console's list from a finished one.
     */
    public static String unfinishedSqlList() {
        return unfinished().stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    /** Every state in which an incident is on the console's list ({@link #isActive()}). */
    public static List<IncidentStatus> unfinished() {
        return Arrays.stream(values()).filter(IncidentStatus::isActive).toList();
    }
}
