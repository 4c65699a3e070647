package nl.alarmcentral.dispatch;

/** Which PIN the worker entered to "cancel" an alarm. */
public enum PinEntryType {
    /** Her cancel PIN: she says she is safe. The dispatcher still follows her procedure. */
    CANCEL,
    /** Her duress PIN: it looked like a cancel, but she needs help now. Top priority. */
    DURESS
}
