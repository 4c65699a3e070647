package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Disclosure;
import nl.alarmcentral.registry.DisclosurePurpose;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.repository.DisclosureRepository;
import nl.alarmcentral.registry.repository.WorkerProfileRepository;
import nl.alarmcentral.registry.rest.DispatchCard;

/**
 * Discloses a worker's dispatch card to dispatch-service for an incident, and records the
 * disclosure in the same transaction: no card leaves without a log entry.
 */
@ApplicationScoped
public class DispatchCardService {

    private final WorkerProfileRepository profiles;
    private final WorkerKeyService keys;
    private final EnvelopeCrypto crypto;
    private final DisclosureRepository disclosures;

    public DispatchCardService(WorkerProfileRepository profiles, WorkerKeyService keys, EnvelopeCrypto crypto,
            DisclosureRepository disclosures) {
        this.profiles = profiles;
        this.keys = keys;
        this.crypto = crypto;
        this.disclosures = disclosures;
    }

    /**
     * Her card for an incident, or null when she has no registration (the dispatcher then works
     * with what the alarm carried).
     *
     * @param requestedBy the client id of the service account that asks
     */
    @WithTransaction
    public Uni<DispatchCard> disclose(String workerId, UUID incidentId, String requestedBy) {
        return profiles.findById(workerId).flatMap(profile -> {
            if (profile == null) {
                return Uni.createFrom().nullItem();
            }
            return keys.existingKeyFor(workerId).flatMap(key -> {
                if (key == null) {
                    return Uni.createFrom().nullItem();
                }
                DispatchCard card = new DispatchCard(workerId,
                        crypto.decrypt(key, workerId, ProfileService.WORKING_NAME, profile.workingName),
                        crypto.decrypt(key, workerId, ProfileService.SAFETY_NOTE, profile.safetyNote));
                List<String> fields = new ArrayList<>(List.of(ProfileService.WORKING_NAME));
                if (card.safetyNote() != null) {
                    fields.add(ProfileService.SAFETY_NOTE);
                }
                Disclosure disclosure = new Disclosure();
                disclosure.id = UUID.randomUUID();
                disclosure.workerId = workerId;
                disclosure.purpose = DisclosurePurpose.EMERGENCY_DISPATCH;
                disclosure.incidentId = incidentId;
                disclosure.requestedBy = requestedBy;
                disclosure.fields = String.join(",", fields);
                disclosure.disclosedAt = Instant.now();
                return disclosures.persist(disclosure).replaceWith(card);
            });
        });
    }
}
