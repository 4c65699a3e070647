package nl.alarmcentral.registry.service;

import java.util.List;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Liaison;
import nl.alarmcentral.registry.ProcedureStep;
import nl.alarmcentral.registry.Section;
import nl.alarmcentral.registry.WorkerProfile;
import nl.alarmcentral.registry.crypto.FieldCipher;
import nl.alarmcentral.registry.crypto.WorkerFields;
import nl.alarmcentral.registry.repository.ConsentChangeRepository;
import nl.alarmcentral.registry.repository.WorkerProfileRepository;
import nl.alarmcentral.registry.repository.WorkerSectionRepository;
import nl.alarmcentral.registry.rest.Address;
import nl.alarmcentral.registry.rest.Contact;
import nl.alarmcentral.registry.rest.ProfileView;
import nl.alarmcentral.registry.rest.SafetyNotes;

/**
 * Reads and decrypts the parts of one worker's registration. The only way in is her id: there is
 * no lookup by name, number, address or anything else she wrote. Callers run inside a session.
 */
@ApplicationScoped
public class WorkerRecords {

    static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    static final TypeReference<SafetyNotes> NOTES = new TypeReference<>() { };
    static final TypeReference<List<Address>> ADDRESSES = new TypeReference<>() { };
    static final TypeReference<List<Contact>> CONTACTS = new TypeReference<>() { };
    static final TypeReference<List<ProcedureStep>> STEPS = new TypeReference<>() { };
    static final TypeReference<ConsentDecision> DECISION = new TypeReference<>() { };

    private final WorkerProfileRepository profiles;
    private final WorkerSectionRepository sections;
    private final ConsentChangeRepository consents;
    private final FieldCipher cipher;

    public WorkerRecords(WorkerProfileRepository profiles, WorkerSectionRepository sections, ConsentChangeRepository consents,
            FieldCipher cipher) {
        this.profiles = profiles;
        this.sections = sections;
        this.consents = consents;
        this.cipher = cipher;
    }

    /** All of it. */
    public Uni<WorkerRecord> load(String workerId, SecretKey key) {
        WorkerFields fields = cipher.forWorker(workerId, key);
        return profile(workerId, fields).flatMap(profile -> section(workerId, fields, Section.NOTES, NOTES)
                .flatMap(notes -> section(workerId, fields, Section.ADDRESSES, ADDRESSES)
                        .flatMap(addresses -> section(workerId, fields, Section.CONTACTS, CONTACTS)
                                .flatMap(contacts -> section(workerId, fields, Section.PROCEDURE, STEPS)
                                        .flatMap(steps -> consents(workerId, fields)
                                                .map(ledger -> new WorkerRecord(profile,
                                                        notes == null ? SafetyNotes.NONE : notes,
                                                        addresses == null ? List.of() : addresses,
                                                        contacts == null ? List.of() : contacts,
                                                        steps == null ? ProcedureStep.DEFAULT : steps,
                                                        ledger)))))));
    }

    /** Her profile, or null. */
    public Uni<ProfileView> profile(String workerId, WorkerFields fields) {
        return profiles.findById(workerId).map(profile -> profile == null ? null : view(profile, fields));
    }

    /** One section document, or null if she never wrote it. */
    public <T> Uni<T> section(String workerId, WorkerFields fields, Section section, TypeReference<T> type) {
        return sections.find(workerId, section).map(stored -> stored == null ? null
                : fields.openJson(PersonalFields.section(section), stored.content, type));
    }

    /** Her consent decisions. */
    public Uni<ConsentLedger> consents(String workerId, WorkerFields fields) {
        return consents.listByWorker(workerId).map(changes -> new ConsentLedger(changes.stream()
                .map(change -> new ConsentLedger.Entry(fields.openJson(PersonalFields.CONSENT, change.content, DECISION),
                        change.changedAt))
                .toList()));
    }

    static ProfileView view(WorkerProfile profile, WorkerFields fields) {
        List<String> languages = fields.openJson(PersonalFields.LANGUAGES, profile.languages, STRINGS);
        String liaison = fields.openText(PersonalFields.LIAISON, profile.liaison);
        return new ProfileView(
                fields.openText(PersonalFields.WORKING_NAME, profile.workingName),
                fields.openText(PersonalFields.SAFETY_NOTE, profile.safetyNote),
                languages == null ? List.of() : languages,
                fields.openText(PersonalFields.CALL_BACK_NUMBER, profile.callBackNumber),
                liaison == null ? Liaison.NONE : Liaison.valueOf(liaison),
                profile.updatedAt);
    }
}
