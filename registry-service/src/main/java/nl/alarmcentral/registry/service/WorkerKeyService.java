package nl.alarmcentral.registry.service;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.repository.ErasureRepository;
import nl.alarmcentral.registry.repository.WorkerKeyRepository;

/** Finds, creates and destroys a worker's data key; the only code that unwraps keys. */
@ApplicationScoped
public class WorkerKeyService {

    private final WorkerKeyRepository keys;
    private final ErasureRepository erasures;
    private final EnvelopeCrypto crypto;

    public WorkerKeyService(WorkerKeyRepository keys, ErasureRepository erasures, EnvelopeCrypto crypto) {
        this.keys = keys;
        this.erasures = erasures;
        this.crypto = crypto;
    }

    /**
     * Her data key for a write, created on first use. Locks her key row until the transaction
     * ends, so her writes and her withdrawal take turns, and refuses (409) while a withdrawal of
     * hers is recorded: a token she still holds must not store anything about her again. Must run
     * inside a transaction.
     */
    public Uni<SecretKey> keyForWrite(String workerId) {
        return keys.findById(workerId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(existing)
                        : keys.insertIfAbsentAndLock(workerId, crypto.wrap(workerId, crypto.newDataKey()), crypto.masterKeyId()))
                .flatMap(key -> erasures.findById(workerId).map(erasure -> {
                    if (erasure != null) {
                        throw ProblemException.conflict("This registration was withdrawn; nothing can be stored for it.");
                    }
                    return crypto.unwrap(workerId, key.wrappedKey);
                }));
    }

    /** Her data key, or null if she has none (and so no readable data). */
    public Uni<SecretKey> existingKeyFor(String workerId) {
        return keys.findById(workerId).map(key -> key == null ? null : crypto.unwrap(workerId, key.wrappedKey));
    }

    /**
     * Deletes her data key: from the commit on, every ciphertext of hers (in this database, its
     * copies and the backups made after the key's deletion) is unreadable. Must run inside a
     * transaction.
     */
    public Uni<Void> destroy(String workerId) {
        return keys.delete("workerId", workerId).replaceWithVoid();
    }
}
