package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.ProcedureStep;
import nl.alarmcentral.registry.Section;
import nl.alarmcentral.registry.WorkerSection;
import nl.alarmcentral.registry.crypto.FieldCipher;
import nl.alarmcentral.registry.repository.WorkerSectionRepository;
import nl.alarmcentral.registry.rest.Address;
import nl.alarmcentral.registry.rest.Addresses;
import nl.alarmcentral.registry.rest.Contact;
import nl.alarmcentral.registry.rest.Contacts;
import nl.alarmcentral.registry.rest.Procedure;
import nl.alarmcentral.registry.rest.SafetyNotes;

/**
 * The parts of her registration besides the profile: structured notes, addresses, trusted
 * contacts and procedure. She reads and replaces each as a whole; each is stored as one encrypted
 * document ({@link WorkerSection}). Reading a part she never wrote gives its default.
 */
@ApplicationScoped
public class SectionService {

    private final WorkerSectionRepository sections;
    private final WorkerKeyService keys;
    private final FieldCipher cipher;
    private final WorkerRecords records;

    public SectionService(WorkerSectionRepository sections, WorkerKeyService keys, FieldCipher cipher,
            WorkerRecords records) {
        this.sections = sections;
        this.keys = keys;
        this.cipher = cipher;
        this.records = records;
    }

    @WithSession
    public Uni<SafetyNotes> notes(String workerId) {
        return read(workerId, Section.NOTES, WorkerRecords.NOTES, SafetyNotes.NONE);
    }

    @WithTransaction
    public Uni<SafetyNotes> saveNotes(String workerId, SafetyNotes notes) {
        SafetyNotes normalised = new SafetyNotes(Texts.blankToNull(notes.doorApproach()),
                Texts.blankToNull(notes.escapeRoute()), Texts.blankToNull(notes.codeWord()),
                notes.mayCallBack() == null || notes.mayCallBack());
        return write(workerId, Section.NOTES, normalised);
    }

    @WithSession
    public Uni<Addresses> addresses(String workerId) {
        return read(workerId, Section.ADDRESSES, WorkerRecords.ADDRESSES, List.<Address>of()).map(Addresses::new);
    }

    @WithTransaction
    public Uni<Addresses> saveAddresses(String workerId, Addresses addresses) {
        List<Address> normalised = addresses.addresses().stream()
                .map(address -> new Address(address.label(), address.address().strip())).toList();
        return write(workerId, Section.ADDRESSES, normalised).map(Addresses::new);
    }

    @WithSession
    public Uni<Contacts> contacts(String workerId) {
        return read(workerId, Section.CONTACTS, WorkerRecords.CONTACTS, List.<Contact>of()).map(Contacts::new);
    }

    @WithTransaction
    public Uni<Contacts> saveContacts(String workerId, Contacts contacts) {
        List<Contact> normalised = contacts.contacts().stream()
                .map(contact -> new Contact(contact.name().strip(), contact.number().strip(),
                        Texts.blankToNull(contact.relation()), contact.inform() != null && contact.inform()))
                .toList();
        return write(workerId, Section.CONTACTS, normalised).map(Contacts::new);
    }

    @WithSession
    public Uni<Procedure> procedure(String workerId) {
        return read(workerId, Section.PROCEDURE, WorkerRecords.STEPS, ProcedureStep.DEFAULT).map(Procedure::new);
    }

    @WithTransaction
    public Uni<Procedure> saveProcedure(String workerId, Procedure procedure) {
        if (new HashSet<>(procedure.steps()).size() != procedure.steps().size()) {
            throw new InvalidInputException("steps", "must not repeat a step");
        }
        return write(workerId, Section.PROCEDURE, List.copyOf(procedure.steps())).map(Procedure::new);
    }

    private <T> Uni<T> read(String workerId, Section section, TypeReference<T> type, T fallback) {
        return keys.existingKeyFor(workerId).flatMap(key -> key == null ? Uni.createFrom().item(fallback)
                : records.section(workerId, cipher.forWorker(workerId, key), section, type)
                        .map(value -> value == null ? fallback : value));
    }

    private <T> Uni<T> write(String workerId, Section section, T value) {
        return keys.keyForWrite(workerId).flatMap(key -> sections.find(workerId, section).flatMap(existing -> {
            WorkerSection stored = existing;
            if (stored == null) {
                stored = new WorkerSection();
                stored.id = new WorkerSection.Key(workerId, section);
            }
            stored.content = cipher.forWorker(workerId, key).sealJson(PersonalFields.section(section), value);
            stored.updatedAt = Instant.now();
            return existing == null ? sections.persist(stored).replaceWith(value) : Uni.createFrom().item(value);
        }));
    }
}
