package nl.alarmcentral.alarm;

/**
 * How a PIN attempt ended, as recorded and counted. There is deliberately no value for the duress
 * PIN: a duress entry is recorded as {@link #ACCEPTED}, like the cancel PIN, so that neither the
 * audit nor the metrics can ever reveal that she asked for help.
 */
public enum PinOutcome {
    /** Her cancel PIN or her duress PIN. */
    ACCEPTED,
    /** Neither of her PINs. */
    WRONG,
    /** PIN entry was locked after too many wrong PINs; the PIN was not acted on as a cancel. */
    LOCKED,
    /** She has not set PINs yet. */
    NOT_SET
}
