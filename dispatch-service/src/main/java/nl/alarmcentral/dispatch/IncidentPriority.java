package nl.alarmcentral.dispatch;

/**
 * How urgent an incident is; the incident list shows higher priorities first. Declared from the
 * highest to the lowest, so the natural order of the constants is the order of the list.
 */
public enum IncidentPriority {
    /** She entered her duress PIN: someone is with her and she needs help now. */
    DURESS,
    /** Any other incident: an alarm (panic, silent, missed check-in). */
    ALARM
}
