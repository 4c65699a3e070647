package nl.alarmcentral.registry;

/** Whether a request for a worker's data was answered with data. */
public enum DisclosureOutcome {
    /** Data was disclosed; the record names the fields. */
    GRANTED,
    /** Nothing was disclosed; the record says why ({@link RefusalReason}). */
    REFUSED
}
