package nl.alarmcentral.dispatch;

/** Whom a dispatcher tried to reach. */
public enum ContactTarget {
    /** Her, on her call-back number. */
    WORKER,
    /** One of her trusted contacts. */
    TRUSTED_CONTACT
}
