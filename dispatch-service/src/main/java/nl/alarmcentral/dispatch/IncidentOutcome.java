package nl.alarmcentral.dispatch;

/** What happened in the end, as the dispatcher records it when resolving an incident. */
public enum IncidentOutcome {
    /** Nothing was wrong (a press by mistake, a cancel that was true). */
    FALSE_ALARM,
    /** The central helped (a call, a trusted contact who went there). */
    HELP_GIVEN,
    /** Police came. */
    POLICE_ATTENDED,
    /** A medical emergency. */
    MEDICAL
}
