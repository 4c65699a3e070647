package nl.alarmcentral.registry.service;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.repository.WorkerKeyRepository;

/** Finds or creates a worker's data key; the only code that unwraps keys. */
@ApplicationScoped
public class WorkerKeyService {

    private final WorkerKeyRepository keys;
    private final EnvelopeCrypto crypto;

    public WorkerKeyService(WorkerKeyRepository keys, EnvelopeCrypto crypto) {
        this.keys = keys;
        this.crypto = crypto;
    }

    /** Her data key, created on first use. Must run inside a transaction. */
    public Uni<SecretKey> keyFor(String workerId) {
        return keys.findById(workerId).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : keys.insertIfAbsent(workerId, crypto.wrap(workerId, crypto.newDataKey()), crypto.masterKeyId()))
                .map(key -> crypto.unwrap(workerId, key.wrappedKey));
    }

    /** Her data key, or null if she has none (and so no data). */
    public Uni<SecretKey> existingKeyFor(String workerId) {
        return keys.findById(workerId).map(key -> key == null ? null : crypto.unwrap(workerId, key.wrappedKey));
    }
}
