package nl.alarmcentral.registry.rest;

import java.time.Instant;
import java.util.List;

import nl.alarmcentral.registry.ProcedureStep;

/**
 * Everything registry-service stores about her, in one document (her right of access).
 *
 * @param exportedAt  when this export was made
 * @param workerId    her account id
 * @param profile     her profile, or null before she saved one
 * @param notes       her structured safety notes
 * @param addresses   her addresses
 * @param procedure   her procedure
 * @param contacts    her trusted contacts
 * @param consents    her consents with their history
 * @param devices     her hardware buttons (filled in by the devices part of the registry)
 * @param disclosures her disclosure log as {@code GET /api/me/disclosures} shows it, with the same entries held
 *                    back (this export is added to it afterwards)
 */
public record ExportView(Instant exportedAt, String workerId, ProfileView profile, SafetyNotes notes,
        List<Address> addresses, List<ProcedureStep> procedure, List<Contact> contacts, ConsentsView consents,
        List<DeviceOwnerResource.DeviceOwnerList.Item> devices, List<DisclosuresView.Entry> disclosures) {
}
