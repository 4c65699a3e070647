package nl.alarmcentral.alarm.dc09;

/** The answers a DC-09 receiver gives, and giving none. */
public enum Dc09AnswerKind {
    /** Received and accepted (sent only once the event is durable). */
    ACK,
    /** Refused: timestamp outside the window, or not decryptable. Carries the receiver's time. */
    NAK,
    /** Understood as a frame, but not supported. */
    DUH,
    /** Bad CRC, bad length or not a frame: silence, so that the transmitter sends it again. */
    NONE
}
