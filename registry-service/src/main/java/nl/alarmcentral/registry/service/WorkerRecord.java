package nl.alarmcentral.registry.service;

import java.util.List;

import nl.alarmcentral.registry.ProcedureStep;
import nl.alarmcentral.registry.rest.Address;
import nl.alarmcentral.registry.rest.Contact;
import nl.alarmcentral.registry.rest.ProfileView;
import nl.alarmcentral.registry.rest.SafetyNotes;

/**
 * Everything a worker registered, decrypted: what her card is cut from and what her export shows.
 * Lives only in memory for one request.
 *
 * @param profile   her profile, or null before she saved one
 * @param notes     her structured notes (defaults when never set)
 * @param addresses her addresses, possibly empty
 * @param contacts  her trusted contacts, possibly empty
 * @param procedure her procedure (the default when never set)
 * @param consents  her consent decisions
 */
public record WorkerRecord(ProfileView profile, SafetyNotes notes, List<Address> addresses, List<Contact> contacts,
        List<ProcedureStep> procedure, ConsentLedger consents) {
}
