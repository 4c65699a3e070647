package nl.alarmcentral.registry.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.ConsentType;
import nl.alarmcentral.registry.Disclosure;
import nl.alarmcentral.registry.DisclosureOutcome;
import nl.alarmcentral.registry.DisclosurePurpose;
import nl.alarmcentral.registry.WorkerKey;
import nl.alarmcentral.registry.crypto.FieldCipher;
import nl.alarmcentral.registry.repository.DisclosureRepository;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.rest.OpenSealedRequest;
import nl.alarmcentral.registry.rest.OpenedView;

/**
 * Opens, for dispatch, what another service sealed to a worker, and records the look: the one
 * place that decides every look at her data kept outside the registry (docs/architecture.md,
 * "Personal data outside the registry").
 *
 * <p>Decided in one transaction with its record: the incident must be known open here (its
 * worker is whose key opens; 409 otherwise, as for the card), she must have her keys and her
 * {@link ConsentType#ALARM_SERVICE} consent (404, "no data", as for the card), and the bytes must
 * open for her, the kind and the subject (400; a {@code CryptoException} of the contract). A position needs no consent of its own: she sends
 * it with the alarm for exactly this, help, and no location consent exists; a timer note is
 * written for the dispatcher who sees the timer run out, so it needs no
 * {@link ConsentType#SHARE_NOTES} either. Withdrawing ALARM_SERVICE stops both. Each opening is
 * one {@link Disclosure} (granted, the kind's field name, the incident, the client), shown to her
 * like the card's after the incident closed and the coercion delay passed. A refusal records
 * nothing: nothing left the registry.
 */
@ApplicationScoped
public class SealedDataService {

    private final KnownIncidentRepository incidents;
    private final WorkerKeyService keys;
    private final WorkerRecords records;
    private final FieldCipher cipher;
    private final DisclosureRepository disclosures;

    public SealedDataService(KnownIncidentRepository incidents, WorkerKeyService keys, WorkerRecords records,
            FieldCipher cipher, DisclosureRepository disclosures) {
        this.incidents = incidents;
        this.keys = keys;
        this.records = records;
        this.cipher = cipher;
        this.disclosures = disclosures;
    }

    /**
     * The plain text, or a problem.
     *
     * @param requestedBy the client id of the service account that asks
     */
    @WithTransaction
    public Uni<OpenedView> open(UUID incidentId, OpenSealedRequest request, String requestedBy) {
        return incidents.findById(incidentId).flatMap(incident -> {
            if (incident == null || !incident.isOpen()) {
                throw ProblemException.conflict("The registry does not know this incident as open.");
            }
            String workerId = incident.workerId;
            return keys.existingRowFor(workerId).flatMap(row -> {
                if (row == null) {
                    throw ProblemException.notFound("This worker has no data to open.");
                }
                return keys.existingKeyFor(workerId)
                        .flatMap(key -> records.consents(workerId, cipher.forWorker(workerId, key)))
                        .flatMap(consents -> {
                            if (!consents.granted(ConsentType.ALARM_SERVICE)) {
                                throw ProblemException.notFound("This worker has no data to open.");
                            }
                            byte[] plain = open(row, request);
                            return record(workerId, incidentId, requestedBy, request)
                                    .replaceWith(new OpenedView(new String(plain, StandardCharsets.UTF_8)));
                        });
            });
        });
    }

    private byte[] open(WorkerKey row, OpenSealedRequest request) {
        try {
            return keys.openSealed(row, Base64.getDecoder().decode(request.sealed()),
                    request.kind().associatedData(request.subjectId()));
        } catch (IllegalArgumentException e) {
            // Not base64, or a CryptoException (an IllegalArgumentException): it does not open.
            throw new InvalidInputException("sealed", "does not open for this incident's worker, kind and subject");
        }
    }

    private Uni<Disclosure> record(String workerId, UUID incidentId, String requestedBy, OpenSealedRequest request) {
        Disclosure disclosure = new Disclosure();
        disclosure.id = UUID.randomUUID();
        disclosure.workerId = workerId;
        disclosure.purpose = DisclosurePurpose.EMERGENCY_DISPATCH;
        disclosure.outcome = DisclosureOutcome.GRANTED;
        disclosure.incidentId = incidentId;
        disclosure.requestedBy = requestedBy;
        disclosure.fields = request.kind().fieldName();
        disclosure.disclosedAt = Instant.now();
        return disclosures.persist(disclosure);
    }
}
