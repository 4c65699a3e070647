package nl.alarmcentral.dispatch;

/** The follow-up she chose after the incident: help, not a route through the system. */
public enum FollowUp {
    /** No follow-up. */
    NONE,
    /** Care, for example the public health service. */
    CARE,
    /** A notification to police (melding), not a formal report. */
    POLICE_NOTIFICATION,
    /** A formal report (aangifte): only when prosecution is the goal. */
    FORMAL_REPORT,
    /** Her fixed contact person (liaison) follows up. */
    LIAISON
}
