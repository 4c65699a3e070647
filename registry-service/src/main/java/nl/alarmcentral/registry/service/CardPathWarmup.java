package nl.alarmcentral.registry.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.IncidentEvent;
import nl.alarmcentral.contract.messaging.PathWarmup;
import nl.alarmcentral.contract.messaging.ServiceReadiness;
import nl.alarmcentral.registry.AddressLabel;
import nl.alarmcentral.registry.ConsentType;
import nl.alarmcentral.registry.Liaison;
import nl.alarmcentral.registry.ProcedureStep;
import nl.alarmcentral.registry.messaging.IncidentEventReader;
import nl.alarmcentral.registry.rest.Address;
import nl.alarmcentral.registry.rest.Addresses;
import nl.alarmcentral.registry.rest.ConsentRequest;
import nl.alarmcentral.registry.rest.Contact;
import nl.alarmcentral.registry.rest.Contacts;
import nl.alarmcentral.registry.rest.Procedure;
import nl.alarmcentral.registry.rest.ProfileRequest;
import nl.alarmcentral.registry.rest.SafetyNotes;

/**
 * Warm before ready: the first dispatch card after a start must come as fast as any other, since
 * dispatch asks for it the moment it opens an incident. On a cold JVM the first request paid for
 * class loading, Hibernate Reactive's first queries, the JCE and Jackson. Before the service
 * reports ready ({@link ServiceReadiness}, "warm-up card path"), this runs the card's path through
 * the registry's own code in rounds ({@link PathWarmup}), each inside one transaction that is
 * rolled back, for a synthetic worker id no account can have (Keycloak's ids are UUIDs; this one
 * starts with {@value #SYNTHETIC_PREFIX}):
 * <ol>
 * <li>her data key is created and a full registration written through the services a worker's
 * own requests use: profile ({@link ProfileService#store}, which does not publish her
 * registration), notes, addresses, contacts, procedure and every consent;</li>
 * <li>an opening of an incident of hers is read from JSON and recorded as the
 * {@code incident.events} consumer does;</li>
 * <li>the session is flushed and cleared, so that the card is read from the database as a
 * request's fresh session reads it: the incident looked up, her key unwrapped, her record
 * decrypted, the card decided and its disclosure recorded ({@link DispatchCardService#decision},
 * which does not count it in the disclosure metrics), and the card written as JSON.</li>
 * </ol>
 * Nothing is committed, nothing is published, no metric counts it and nothing is logged about it
 * but the summary line. A round whose card is refused fails the warm-up (logged; the service is
 * ready anyway).
 */
@ApplicationScoped
public class CardPathWarmup {

    /**
     * At most 150 rounds or 20 s; done earlier when 20 rounds in a row took less than 25 ms each.
     * Measured on the local stack (2026-12-07), the median of each 25 rounds: 70, 58, 37, 37, 27, 28
     * ... 14 ms (done after 231). See {@code AlarmPathWarmup.LIMITS} for why 150.
     */
    static final PathWarmup.Limits LIMITS = new PathWarmup.Limits(150, Duration.ofSeconds(20), 20, Duration.ofMillis(25));

    /** Starts every synthetic worker id (and CloudEvent id) of the warm-up; never a Keycloak id. */
    static final String SYNTHETIC_PREFIX = "warm-up:";
    /** The requester recorded on the (rolled-back) disclosures. */
    static final String REQUESTED_BY = "warm-up";

    private static final ProfileRequest PROFILE = new ProfileRequest("Warm-up", "Warm-up note", List.of("nl", "en"),
            "+31 6 0000 0000", Liaison.CARE);
    private static final SafetyNotes NOTES = new SafetyNotes("Warm-up door", "Warm-up route", "Warm-up word", false);
    private static final Addresses ADDRESSES = new Addresses(List.of(new Address(AddressLabel.HOME, "Warm-up address")));
    private static final Contacts CONTACTS = new Contacts(List.of(new Contact("Warm-up contact", "+31 20 000 0000",
            "Warm-up relation", true)));
    private static final Procedure PROCEDURE = new Procedure(List.of(ProcedureStep.CALL_ME_FIRST, ProcedureStep.SEND_HELP));
    private static final ConsentRequest GRANT = new ConsentRequest(true, ConsentType.CURRENT_TEXT_VERSION, null);
    private static final ConsentRequest POLICE_FIELDS = new ConsentRequest(true, ConsentType.CURRENT_TEXT_VERSION,
            List.of("workingName", "addresses"));

    private final ProfileService profiles;
    private final SectionService sections;
    private final ConsentService consents;
    private final IncidentService incidents;
    private final IncidentEventReader reader;
    private final DispatchCardService cards;
    private final ObjectMapper json;
    private final PathWarmup warmup;
    private final CompletableFuture<PathWarmup.Summary> finished = new CompletableFuture<>();

    public CardPathWarmup(ProfileService profiles, SectionService sections, ConsentService consents, IncidentService incidents,
            IncidentEventReader reader, DispatchCardService cards, ObjectMapper json, PathWarmup warmup) {
        this.profiles = profiles;
        this.sections = sections;
        this.consents = consents;
        this.incidents = incidents;
        this.reader = reader;
        this.cards = cards;
        this.json = json;
        this.warmup = warmup;
    }

    void onStart(@Observes StartupEvent event) {
        warmup.start("card path", LIMITS, () -> Uni.createFrom().voidItem(), this::round).thenAccept(finished::complete);
    }

    /** Completes when the warm-up has ended: warm, failed (the service ready anyway) or stopped with the service. */
    CompletionStage<PathWarmup.Summary> finished() {
        return finished;
    }

    /** One card through the path, rolled back. */
    private Uni<Void> round() {
        String workerId = SYNTHETIC_PREFIX + UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();
        return Panache.withTransaction(() -> profiles.store(workerId, PROFILE)
                .call(() -> sections.saveNotes(workerId, NOTES))
                .call(() -> sections.saveAddresses(workerId, ADDRESSES))
                .call(() -> sections.saveContacts(workerId, CONTACTS))
                .call(() -> sections.saveProcedure(workerId, PROCEDURE))
                .call(() -> grantAll(workerId))
                .call(() -> incidents.record(SYNTHETIC_PREFIX + UUID.randomUUID(), EventTypes.INCIDENT_OPENED,
                        reader.read(EventTypes.INCIDENT_OPENED, opening(incidentId, workerId))))
                // A card request reads in a session of its own: from the database, not from this one's cache.
                .call(() -> Panache.getSession().call(Mutiny.Session::flush).invoke(Mutiny.Session::clear))
                .chain(() -> cards.decision(workerId, incidentId, REQUESTED_BY))
                .invoke(this::write)
                // The disclosure's insert, which the request's commit would run.
                .call(() -> Panache.getSession().call(Mutiny.Session::flush))
                .call(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback)))
                .replaceWithVoid();
    }

    private Uni<Void> grantAll(String workerId) {
        Uni<?> granted = Uni.createFrom().voidItem();
        for (ConsentType type : ConsentType.values()) {
            ConsentRequest request = type == ConsentType.POLICE_FIELDS ? POLICE_FIELDS : GRANT;
            granted = granted.call(() -> consents.decide(workerId, type, request));
        }
        return granted.replaceWithVoid();
    }

    private String opening(UUID incidentId, String workerId) {
        try {
            return json.writeValueAsString(new IncidentEvent(incidentId, workerId, Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The warm-up's opening could not be written", e);
        }
    }

    /** The card as the resource answers it; a refusal means the path was not the card's. */
    private void write(CardDecision decision) {
        if (decision.card() == null) {
            throw new IllegalStateException("The warm-up's card was refused: " + decision.refusal());
        }
        try {
            json.writeValueAsBytes(decision.card());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The warm-up's card could not be written", e);
        }
    }
}
