package nl.alarmcentral.registry.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.WorkerProfile;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.repository.WorkerProfileRepository;
import nl.alarmcentral.registry.rest.ProfileRequest;
import nl.alarmcentral.registry.rest.ProfileView;

/** A worker's own profile: she writes and reads it, encrypted at rest under her data key. */
@ApplicationScoped
public class ProfileService {

    static final String WORKING_NAME = "workingName";
    static final String SAFETY_NOTE = "safetyNote";

    private final WorkerProfileRepository profiles;
    private final WorkerKeyService keys;
    private final EnvelopeCrypto crypto;

    public ProfileService(WorkerProfileRepository profiles, WorkerKeyService keys, EnvelopeCrypto crypto) {
        this.profiles = profiles;
        this.keys = keys;
        this.crypto = crypto;
    }

    /** Creates or replaces her profile. */
    @WithTransaction
    public Uni<ProfileView> save(String workerId, ProfileRequest request) {
        return keys.keyFor(workerId).flatMap(key -> profiles.findById(workerId).flatMap(existing -> {
            Instant now = Instant.now();
            WorkerProfile profile = existing;
            if (profile == null) {
                profile = new WorkerProfile();
                profile.workerId = workerId;
                profile.createdAt = now;
            }
            profile.workingName = crypto.encrypt(key, workerId, WORKING_NAME, request.workingName().strip());
            profile.safetyNote = crypto.encrypt(key, workerId, SAFETY_NOTE, blankToNull(request.safetyNote()));
            profile.updatedAt = now;
            Uni<WorkerProfile> stored = existing == null ? profiles.persist(profile) : Uni.createFrom().item(profile);
            return stored.map(p -> new ProfileView(request.workingName().strip(), blankToNull(request.safetyNote()), now));
        }));
    }

    /** Her profile, or null when she has none. */
    @WithSession
    public Uni<ProfileView> find(String workerId) {
        return profiles.findById(workerId).flatMap(profile -> profile == null
                ? Uni.createFrom().nullItem()
                : keys.existingKeyFor(workerId).map(key -> key == null ? null
                        : new ProfileView(crypto.decrypt(key, workerId, WORKING_NAME, profile.workingName),
                                crypto.decrypt(key, workerId, SAFETY_NOTE, profile.safetyNote), profile.updatedAt)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
