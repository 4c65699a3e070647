package nl.alarmcentral.dispatch;

/** How a contact attempt went. */
public enum ContactResult {
    REACHED,
    NO_ANSWER,
    BUSY,
    VOICEMAIL
}
