package nl.alarmcentral.contract.event;

/** What kind of alarm a worker raised; decides how a dispatcher may respond. */
public enum AlarmKind {
    /** A visible alarm: help on the press alone. */
    PANIC,
    /** A discreet alarm: nothing shows on her phone; do not call back unless her procedure allows it. */
    SILENT,
    /** A safety timer ran out without her confirming she is safe. */
    CHECKIN_MISSED
}
