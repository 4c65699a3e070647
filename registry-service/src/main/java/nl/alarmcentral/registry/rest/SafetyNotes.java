package nl.alarmcentral.registry.rest;

import jakarta.validation.constraints.Size;

/**
 * Her structured safety notes (the free text is the profile's {@code safetyNote}). The same shape
 * is sent, answered and stored.
 *
 * @param doorApproach how to approach the door (for example: give the address in stages)
 * @param escapeRoute  her way out
 * @param codeWord     a word that means "I am not safe" on the phone
 * @param mayCallBack  whether the dispatcher may call her back; {@code true} when absent
 */
public record SafetyNotes(
        @Size(max = 500) String doorApproach,
        @Size(max = 500) String escapeRoute,
        @Size(max = 100) String codeWord,
        Boolean mayCallBack) {

    /** Her notes until she writes some. */
    public static final SafetyNotes NONE = new SafetyNotes(null, null, null, true);
}
