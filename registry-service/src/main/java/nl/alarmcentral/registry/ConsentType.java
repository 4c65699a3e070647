package nl.alarmcentral.registry;

import java.util.List;

/**
 * What a worker can consent to, one decision each. Without {@link #ALARM_SERVICE} no dispatch card
 * exists at all; every other type adds fields to the card. The set is closed: a consent type
 * cannot name a recipient outside an open emergency.
 */
public enum ConsentType {
    /** The card itself: working name, languages, call-back number, procedure, may we call back. */
    ALARM_SERVICE,
    /** Her safety note and structured notes (door approach, escape route, code word). */
    SHARE_NOTES,
    /** Her addresses. */
    SHARE_ADDRESSES,
    /** Her trusted contacts, whom the dispatcher may inform. */
    INFORM_CONTACTS,
    /** Which card fields may be passed to police when help is sent (the consent carries the list). */
    POLICE_FIELDS,
    /** Her liaison preference is shown and a liaison may introduce themselves. */
    LIAISON_INTRO;

    /** The version of the consent texts she can agree to now. */
    public static final String CURRENT_TEXT_VERSION = "v1";

    /** The card fields a {@link #POLICE_FIELDS} consent may name. */
    public static final List<String> POLICE_FIELD_NAMES = List.of("workingName", "languages", "callBackNumber",
            "addresses", "safetyNote", "doorApproach", "escapeRoute");
}
