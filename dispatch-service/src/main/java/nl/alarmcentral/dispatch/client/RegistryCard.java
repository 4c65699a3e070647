package nl.alarmcentral.dispatch.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A dispatch card as registry-service sends it ({@code docs/registry-api.md}): only what she
 * consented to share, every other key absent. Unknown fields are ignored so the registry can add
 * fields before dispatch shows them, and the closed sets (procedure steps, liaison, address
 * labels) are read as text, so that a value the registry adds later does not cost her the card.
 *
 * @param workerId       her account id
 * @param workingName    the name to address her by
 * @param languages      ISO 639-1 codes of the languages she speaks
 * @param callBackNumber where to call her back
 * @param mayCallBack    whether she may be called back
 * @param procedure      what to do when she presses, in order (SEND_HELP, SEND_POLICE, CALL_ME_FIRST, CALL_TRUSTED_CONTACT)
 * @param safetyNote     her safety note
 * @param doorApproach   how to approach the door
 * @param escapeRoute    her way out
 * @param codeWord       her code word
 * @param addresses      her addresses
 * @param contacts       her trusted contacts
 * @param liaison        her liaison preference (NONE, POLICE, CARE, BOTH)
 * @param policeFields   which of these fields may be passed to police when help is sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryCard(String workerId, String workingName, List<String> languages, String callBackNumber,
        Boolean mayCallBack, List<String> procedure, String safetyNote, String doorApproach, String escapeRoute,
        String codeWord, List<Address> addresses, List<Contact> contacts, String liaison, List<String> policeFields) {

    /** A card with only a working name and a safety note (as the registry sent before it had more). */
    public RegistryCard(String workerId, String workingName, String safetyNote) {
        this(workerId, workingName, null, null, null, null, safetyNote, null, null, null, null, null, null, null);
    }

    /**
     * One of her addresses.
     *
     * @param label   HOME, WORK or OTHER
     * @param address the address as she wrote it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String label, String address) {
    }

    /**
     * One of her trusted contacts.
     *
     * @param name     how she named them
     * @param number   their phone number
     * @param relation who they are to her, or null
     * @param inform   whether the central should inform them when she raises an alarm
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String name, String number, String relation, Boolean inform) {
    }
}
