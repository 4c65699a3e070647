package nl.alarmcentral.dispatch;

/** Who a dispatcher sent to help. */
public enum HelpKind {
    POLICE,
    /** One of her trusted contacts. */
    TRUSTED_CONTACT,
    OTHER
}
