package nl.alarmcentral.registry.service;

import java.util.Locale;

/** Why an enrolment code was refused. */
public enum EnrolmentRefusal {
    /** Not a code of any worker: mistyped, guessed, already used, or replaced by a newer one. */
    WRONG,
    /** Her code, but older than its validity: she should ask for a new one. */
    EXPIRED,
    /** The coordinator entered too many wrong codes and is locked out for a while. */
    LOCKED;

    /** The metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
