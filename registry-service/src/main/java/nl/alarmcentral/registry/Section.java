package nl.alarmcentral.registry;

/**
 * The parts of a registration that are stored as one encrypted document each
 * ({@link WorkerSection}). The name is also the field name the ciphertext is bound to.
 */
public enum Section {
    /** Structured safety notes: door approach, escape route, code word, may we call back. */
    NOTES,
    /** Up to five labelled addresses. */
    ADDRESSES,
    /** Up to five trusted contacts. */
    CONTACTS,
    /** What the dispatcher should do, in order. */
    PROCEDURE
}
