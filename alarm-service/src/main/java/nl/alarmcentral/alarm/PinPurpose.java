package nl.alarmcentral.alarm;

/** What a PIN was entered for; recorded with every attempt and counted in the metrics. */
public enum PinPurpose {
    /** Cancelling an alarm that was sent. */
    CANCEL,
    /** Cancelling the app's countdown before anything was sent. */
    COUNTDOWN,
    /** Confirming a safety timer ("I'm safe"). */
    CHECKIN,
    /** Proving it is her before a sensitive action (FreshProofService). */
    STEP_UP
}
