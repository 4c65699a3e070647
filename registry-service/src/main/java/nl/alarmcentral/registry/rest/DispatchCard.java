package nl.alarmcentral.registry.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.alarmcentral.registry.Liaison;
import nl.alarmcentral.registry.ProcedureStep;

/**
 * What the dispatcher may see of a worker during an open incident: only what she consented to.
 * A key is absent when she did not consent to it or left it empty.
 *
 * @param workerId       her account id
 * @param workingName    the name to address her by (ALARM_SERVICE)
 * @param languages      the languages she speaks (ALARM_SERVICE)
 * @param callBackNumber where to call her back (ALARM_SERVICE)
 * @param mayCallBack    whether she may be called back (ALARM_SERVICE)
 * @param procedure      what to do, in order (ALARM_SERVICE)
 * @param safetyNote     her safety note (SHARE_NOTES)
 * @param doorApproach   how to approach the door (SHARE_NOTES)
 * @param escapeRoute    her way out (SHARE_NOTES)
 * @param codeWord       her code word (SHARE_NOTES)
 * @param addresses      her addresses (SHARE_ADDRESSES)
 * @param contacts       her trusted contacts (INFORM_CONTACTS)
 * @param liaison        her liaison preference (LIAISON_INTRO)
 * @param policeFields   which of the keys above may be passed to police (POLICE_FIELDS)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DispatchCard(String workerId, String workingName, List<String> languages, String callBackNumber,
        Boolean mayCallBack, List<ProcedureStep> procedure, String safetyNote, String doorApproach, String escapeRoute,
        String codeWord, List<Address> addresses, List<Contact> contacts, Liaison liaison, List<String> policeFields) {

    /** The same card with the fields police may get. */
    public DispatchCard withPoliceFields(List<String> fields) {
        return new DispatchCard(workerId, workingName, languages, callBackNumber, mayCallBack, procedure, safetyNote,
                doorApproach, escapeRoute, codeWord, addresses, contacts, liaison, List.copyOf(fields));
    }
}
