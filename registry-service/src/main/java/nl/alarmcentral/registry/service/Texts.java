package nl.alarmcentral.registry.service;

/** How texts a worker sends are normalised before they are sealed. */
final class Texts {

    private Texts() {
    }

    /** Strips surrounding white space; nothing left is null. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
