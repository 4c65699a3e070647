package nl.alarmcentral.alarm;

/** Where a safety timer is in its life. */
public enum TimerState {
    /** Running: it becomes an alarm when its expected end plus grace passes. */
    ACTIVE,
    /**
     * She entered a PIN at the check-in. Also the state after her duress PIN (an alarm was then
     * raised silently): what she and anyone with her phone see must not differ.
     */
    CONFIRMED,
    /** It ran out; a {@code checkin.missed} alarm was made durable first. */
    MISSED
}
