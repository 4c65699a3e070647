package nl.alarmcentral.registry.service;

import java.time.Duration;

/**
 * An enrolment code that cannot bind a button; the REST layer answers it as a problem that names
 * the field {@code enrolmentCode} (or, when locked, 429 with {@code Retry-After}). The message
 * never contains the code.
 */
public class EnrolmentCodeRefusedException extends RuntimeException {

    private final EnrolmentRefusal reason;
    private final Duration retryAfter;

    public EnrolmentCodeRefusedException(EnrolmentRefusal reason, Duration retryAfter) {
        super(switch (reason) {
            case WRONG -> "This enrolment code is not valid (mistyped, already used or replaced by a newer one).";
            case EXPIRED -> "This enrolment code has expired; she can ask for a new one in her app.";
            case LOCKED -> "Too many wrong enrolment codes: binding is locked for a while.";
        }, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public EnrolmentRefusal reason() {
        return reason;
    }

    /** For {@link EnrolmentRefusal#LOCKED}: how long until she may try again; otherwise null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
