package nl.alarmcentral.alarm.dc09;

/** What the central does with an event from a DC-09 transmitter. */
public enum Dc09Action {
    /** Contact ID 120, SIA PA: a panic alarm. */
    PANIC(true),
    /** Contact ID 121, SIA HA: duress or hold-up; a silent escalation. */
    DURESS(true),
    /** Contact ID 122: a silent panic. */
    SILENT_PANIC(true),
    /** Contact ID 123: an audible panic. */
    AUDIBLE_PANIC(true),
    /** Contact ID 100 and 101: a personal emergency. */
    PERSONAL_EMERGENCY(true),
    /** SIA MA: a medical alarm. */
    MEDICAL(true),
    /** Any other Contact ID 1xx alarm: raised, showing the code's meaning. */
    OTHER_ALARM(true),
    /** Contact ID 602, SIA RP, a NULL message: the transmitter is alive (device supervision). */
    SUPERVISION(false),
    /** Contact ID 302 and 384, SIA YT: a low battery warning. */
    LOW_BATTERY(false),
    /** A Contact ID restore (qualifier 3) or a SIA restoral code: closes the matching warning. */
    RESTORE(false),
    /** Anything else: kept on the device's timeline and counted, never dropped. */
    UNKNOWN(false);

    private final boolean raisesAlarm;

    Dc09Action(boolean raisesAlarm) {
        this.raisesAlarm = raisesAlarm;
    }

    /** Whether the event raises an alarm for a dispatcher. */
    public boolean raisesAlarm() {
        return raisesAlarm;
    }
}
