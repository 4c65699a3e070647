package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.WorkerRegistration;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.Liaison;
import nl.alarmcentral.registry.WorkerProfile;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.crypto.FieldCipher;
import nl.alarmcentral.registry.crypto.WorkerFields;
import nl.alarmcentral.registry.messaging.RegistrationPublisher;
import nl.alarmcentral.registry.repository.WorkerProfileRepository;
import nl.alarmcentral.registry.rest.ProfileRequest;
import nl.alarmcentral.registry.rest.ProfileView;

/**
 * A worker's own profile: she writes and reads it, encrypted at rest under her data key. Her first
 * save registers her: it is answered only once the broker has the {@link WorkerRegistration} (with
 * her public sealing keyset), and if the broker does not take it in time nothing is stored (503,
 * she retries). A worker who registered before sealing existed is registered again, with her new
 * public keyset, at her next save.
 */
@ApplicationScoped
public class ProfileService {

    private static final Set<String> ISO_639_1 = Set.of(java.util.Locale.getISOLanguages());

    private final WorkerProfileRepository profiles;
    private final WorkerKeyService keys;
    private final FieldCipher cipher;
    private final RegistrationPublisher publisher;
    private final RegistryConfig config;
    private final RegistryMetrics metrics;

    public ProfileService(WorkerProfileRepository profiles, WorkerKeyService keys, FieldCipher cipher,
            RegistrationPublisher publisher, RegistryConfig config, RegistryMetrics metrics) {
        this.profiles = profiles;
        this.keys = keys;
        this.cipher = cipher;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    /** Creates or replaces her profile. */
    @WithTransaction
    public Uni<ProfileView> save(String workerId, ProfileRequest request) {
        return store(workerId, request).flatMap(stored -> keys.lockedForWrite(workerId).flatMap(key -> {
            if (!stored.created() && key.sealingPublishedAt != null) {
                return Uni.createFrom().item(stored.view());
            }
            // Her first save, or her first since she got her sealing key pair (she registered
            // before sealing existed): the registration carries her public keyset.
            return register(workerId, stored.registeredAt(), key.sealingPublicKeyset)
                    .invoke(() -> key.sealingPublishedAt = Instant.now())
                    .replaceWith(stored.view());
        }));
    }

    /**
     * Her profile encrypted and stored, without publishing her registration: all that
     * {@link #save} does before it publishes. Besides save, only the card path's warm-up uses it:
     * its synthetic worker is rolled back and must never reach the registrations topic. Must run
     * inside a transaction.
     */
    Uni<Stored> store(String workerId, ProfileRequest request) {
        List<String> languages = languages(request.languages());
        return keys.keyForWrite(workerId).flatMap(key -> profiles.findById(workerId).flatMap(existing -> {
            Instant now = Instant.now();
            ProfileView view = new ProfileView(request.workingName().strip(), Texts.blankToNull(request.safetyNote()),
                    languages, Texts.blankToNull(request.callBackNumber()),
                    request.liaison() == null ? Liaison.NONE : request.liaison(), now);
            WorkerFields fields = cipher.forWorker(workerId, key);
            WorkerProfile profile = existing;
            if (profile == null) {
                profile = new WorkerProfile();
                profile.workerId = workerId;
                profile.createdAt = now;
            }
            profile.workingName = fields.sealText(PersonalFields.WORKING_NAME, view.workingName());
            profile.safetyNote = fields.sealText(PersonalFields.SAFETY_NOTE, view.safetyNote());
            profile.languages = fields.sealJson(PersonalFields.LANGUAGES, view.languages());
            profile.callBackNumber = fields.sealText(PersonalFields.CALL_BACK_NUMBER, view.callBackNumber());
            profile.liaison = fields.sealText(PersonalFields.LIAISON, view.liaison().name());
            profile.updatedAt = now;
            if (existing != null) {
                return Uni.createFrom().item(new Stored(view, false, profile.createdAt));
            }
            // As the database keeps it (microseconds): a later registration of hers says the same.
            return profiles.persist(profile).replaceWith(new Stored(view, true, now.truncatedTo(ChronoUnit.MICROS)));
        }));
    }

    /**
     * What {@link #store} stored.
     *
     * @param created      whether it was her first profile (her registration)
     * @param registeredAt when she first saved her profile
     */
    record Stored(ProfileView view, boolean created, Instant registeredAt) {
    }

    /** Her profile, or null when she has none. */
    @WithSession
    public Uni<ProfileView> find(String workerId) {
        return keys.existingKeyFor(workerId).flatMap(key -> key == null ? Uni.createFrom().nullItem()
                : profiles.findById(workerId).map(profile -> profile == null ? null
                        : WorkerRecords.view(profile, cipher.forWorker(workerId, key))));
    }

    /** Publishes her registration and waits for the broker; a failure rolls the save back. */
    private Uni<Void> register(String workerId, Instant at, String publicKeyset) {
        return Contexts.resumeHere(publisher.registered(new WorkerRegistration(workerId, at, publicKeyset))
                .ifNoItem().after(config.registration().publishTimeout()).fail())
                .onFailure().transform(e -> {
                    metrics.registrationNotDurable();
                    return ProblemException.unavailable("Your registration could not be saved just now. Please try again.",
                            config.registration().retryAfter(), e);
                });
    }

    private static List<String> languages(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String code : requested) {
            if (!ISO_639_1.contains(code)) {
                throw new InvalidInputException("languages", "must be ISO 639-1 codes");
            }
            if (!seen.add(code)) {
                throw new InvalidInputException("languages", "must not name a language twice");
            }
        }
        return List.copyOf(requested);
    }
}
