package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.ConsentType;
import nl.alarmcentral.registry.Disclosure;
import nl.alarmcentral.registry.DisclosureOutcome;
import nl.alarmcentral.registry.DisclosurePurpose;
import nl.alarmcentral.registry.RefusalReason;
import nl.alarmcentral.registry.repository.DisclosureRepository;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.rest.DispatchCard;
import nl.alarmcentral.registry.rest.ProfileView;
import nl.alarmcentral.registry.rest.SafetyNotes;

/**
 * Decides a card request and records the decision in one transaction: no card leaves without a
 * record, and no refusal goes unrecorded. The incident is checked again inside the transaction, and
 * her consents are read in it, so a closing or a withdrawn consent that committed before counts.
 */
@ApplicationScoped
public class CardDisclosure {

    private final KnownIncidentRepository incidents;
    private final WorkerKeyService keys;
    private final WorkerRecords records;
    private final DisclosureRepository disclosures;

    public CardDisclosure(KnownIncidentRepository incidents, WorkerKeyService keys, WorkerRecords records,
            DisclosureRepository disclosures) {
        this.incidents = incidents;
        this.keys = keys;
        this.records = records;
        this.disclosures = disclosures;
    }

    /**
     * @param seen        what the wait before this found out about the incident
     * @param requestedBy the client id of the service account that asks
     */
    @WithTransaction
    public Uni<CardDecision> decide(String workerId, UUID incidentId, String requestedBy, IncidentState seen) {
        Uni<IncidentState> now = seen == IncidentState.OPEN
                ? incidents.findById(incidentId).map(incident -> IncidentState.of(incident, workerId))
                : Uni.createFrom().item(seen);
        return now.flatMap(state -> state != IncidentState.OPEN ? Uni.createFrom().item(CardDecision.refused(state.refusal()))
                : keys.existingKeyFor(workerId).flatMap(key -> key == null
                        ? Uni.createFrom().item(CardDecision.refused(RefusalReason.NOT_REGISTERED))
                        : records.load(workerId, key).map(record -> cut(workerId, record))))
                .flatMap(decision -> record(workerId, incidentId, requestedBy, decision).replaceWith(decision));
    }

    /** The card she consented to, or why there is none. */
    private static CardDecision cut(String workerId, WorkerRecord record) {
        ProfileView profile = record.profile();
        if (profile == null) {
            return CardDecision.refused(RefusalReason.NOT_REGISTERED);
        }
        ConsentLedger consents = record.consents();
        if (!consents.granted(ConsentType.ALARM_SERVICE)) {
            return CardDecision.refused(RefusalReason.NO_CONSENT);
        }
        SafetyNotes notes = record.notes();
        boolean shareNotes = consents.granted(ConsentType.SHARE_NOTES);
        DispatchCard card = new DispatchCard(workerId,
                profile.workingName(),
                nonEmpty(profile.languages()),
                profile.callBackNumber(),
                notes.mayCallBack() == null || notes.mayCallBack(),
                record.procedure(),
                shareNotes ? profile.safetyNote() : null,
                shareNotes ? notes.doorApproach() : null,
                shareNotes ? notes.escapeRoute() : null,
                shareNotes ? notes.codeWord() : null,
                consents.granted(ConsentType.SHARE_ADDRESSES) ? nonEmpty(record.addresses()) : null,
                consents.granted(ConsentType.INFORM_CONTACTS) ? nonEmpty(record.contacts()) : null,
                consents.granted(ConsentType.LIAISON_INTRO) ? profile.liaison() : null,
                null);
        // Police may get only what is on the card.
        List<String> onCard = disclosedFields(card);
        List<String> policeFields = consents.policeFields().stream().filter(onCard::contains).toList();
        return CardDecision.granted(policeFields.isEmpty() ? card : card.withPoliceFields(policeFields));
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private Uni<Disclosure> record(String workerId, UUID incidentId, String requestedBy, CardDecision decision) {
        Disclosure disclosure = new Disclosure();
        disclosure.id = UUID.randomUUID();
        disclosure.workerId = workerId;
        disclosure.purpose = DisclosurePurpose.EMERGENCY_DISPATCH;
        disclosure.incidentId = incidentId;
        disclosure.requestedBy = requestedBy;
        disclosure.disclosedAt = Instant.now();
        if (decision.card() != null) {
            disclosure.outcome = DisclosureOutcome.GRANTED;
            disclosure.fields = String.join(",", disclosedFields(decision.card()));
        } else {
            disclosure.outcome = DisclosureOutcome.REFUSED;
            disclosure.reason = decision.refusal();
            disclosure.fields = "";
        }
        return disclosures.persist(disclosure);
    }

    /** The names of the personal fields on a card (its worker id is not one). */
    static List<String> disclosedFields(DispatchCard card) {
        List<String> names = new ArrayList<>();
        add(names, "workingName", card.workingName());
        add(names, "languages", card.languages());
        add(names, "callBackNumber", card.callBackNumber());
        add(names, "mayCallBack", card.mayCallBack());
        add(names, "procedure", card.procedure());
        add(names, "safetyNote", card.safetyNote());
        add(names, "doorApproach", card.doorApproach());
        add(names, "escapeRoute", card.escapeRoute());
        add(names, "codeWord", card.codeWord());
        add(names, "addresses", card.addresses());
        add(names, "contacts", card.contacts());
        add(names, "liaison", card.liaison());
        add(names, "policeFields", card.policeFields());
        return names;
    }

    private static void add(List<String> names, String name, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            names.add(name);
        }
    }
}
