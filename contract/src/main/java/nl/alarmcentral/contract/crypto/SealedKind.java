package nl.alarmcentral.contract.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a service seals to a worker outside the registry, and so what the registry opens for
 * dispatch: a closed set, because each kind is a field of the disclosure record she reads and a
 * decision of what consent it needs. Both sides build the associated data here, so sealed bytes
 * open only for the subject (alarm or timer) and kind they were sealed for:
 * {@code UTF-8(subjectId + "\0" + wireName)}.
 */
public enum SealedKind {
    /** The position a device sent with an alarm; the subject is the alarm id. */
    ALARM_POSITION("alarm-position", "alarmPosition"),
    /** The note she left with a safety timer; the subject is the timer id. */
    TIMER_NOTE("timer-note", "timerNote");

    private final String wireName;
    private final String fieldName;

    SealedKind(String wireName, String fieldName) {
        this.wireName = wireName;
        this.fieldName = fieldName;
    }

    /** The associated data to seal and open with, for this kind of one subject. */
    public byte[] associatedData(String subjectId) {
        return (subjectId + "\u0000" + wireName).getBytes(StandardCharsets.UTF_8);
    }

    /** Its name in the associated data ({@code alarm-position}, {@code timer-note}). */
    public String wireName() {
        return wireName;
    }

    /** Its name as a disclosed field in her disclosure log ({@code alarmPosition}, {@code timerNote}). */
    public String fieldName() {
        return fieldName;
    }
}
