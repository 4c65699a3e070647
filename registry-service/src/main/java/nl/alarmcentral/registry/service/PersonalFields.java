package nl.alarmcentral.registry.service;

import nl.alarmcentral.registry.Section;

/**
 * The names each ciphertext is bound to (with the worker id) through the GCM associated data. A
 * value copied to another column, section or worker does not decrypt. Never rename one: stored
 * data would become unreadable.
 */
public final class PersonalFields {

    public static final String WORKING_NAME = "workingName";
    public static final String SAFETY_NOTE = "safetyNote";
    public static final String LANGUAGES = "languages";
    public static final String CALL_BACK_NUMBER = "callBackNumber";
    public static final String LIAISON = "liaison";
    /** A consent decision. */
    public static final String CONSENT = "consent";

    private PersonalFields() {
    }

    /** The name of a section document. */
    public static String section(Section section) {
        return "section." + section.name();
    }
}
