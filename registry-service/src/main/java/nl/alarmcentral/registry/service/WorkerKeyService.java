package nl.alarmcentral.registry.service;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.WorkerKey;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.repository.ErasureRepository;
import nl.alarmcentral.registry.repository.WorkerKeyRepository;

/**
 * Finds, creates and destroys a worker's keys (her data key and her sealing key pair, one row);
 * the only code that unwraps them.
 */
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
        return lockedForWrite(workerId).map(key -> crypto.unwrap(workerId, key.wrappedKey));
    }

    /**
     * Her key row for a write, as {@link #keyForWrite} finds or creates it (locked, refused while
     * a withdrawal of hers is recorded). Her sealing key pair is created with her data key; a
     * worker who registered before sealing existed gets hers here, at her first write since, and
     * her public keyset is then still to publish ({@link WorkerKey#sealingPublishedAt} null). Must
     * run inside a transaction.
     */
    public Uni<WorkerKey> lockedForWrite(String workerId) {
        return keys.findById(workerId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(withSealingKeys(underCurrentMasterKey(existing)))
                        : keys.insertIfAbsentAndLock(workerId, crypto.wrap(workerId, crypto.newDataKey()), crypto.masterKeyId(),
                                crypto.newSealingKeyPair(workerId)))
                .flatMap(key -> erasures.findById(workerId).map(erasure -> {
                    if (erasure != null) {
                        throw ProblemException.conflict("This registration was withdrawn; nothing can be stored for it.");
                    }
                    return key;
                }));
    }

    /** Her key row, or null if she has none (and so nothing readable and nothing sealed to her). */
    public Uni<WorkerKey> existingRowFor(String workerId) {
        return keys.findById(workerId);
    }

    /**
     * Opens what a service sealed to her public keyset.
     *
     * @throws CryptoException if it was not sealed to her key pair with this associated data
     */
    public byte[] openSealed(WorkerKey key, byte[] sealed, byte[] associatedData) {
        if (key.sealingPrivateKeyset == null) {
            throw new CryptoException("She has no sealing key pair yet");
        }
        return crypto.openSealed(key.workerId, key.sealingPrivateKeyset, sealed, associatedData);
    }

    /**
     * Her keys wrapped again under the master ring's primary key if an earlier master key wrapped
     * them (a rotation, or the format before Tink): at her next write, so that once every row shows
     * the current {@code master_key_id} the previous master keys can be dropped from configuration.
     */
    private WorkerKey underCurrentMasterKey(WorkerKey key) {
        if (!crypto.masterKeyId().equals(key.masterKeyId)) {
            key.wrappedKey = crypto.wrap(key.workerId, crypto.unwrap(key.workerId, key.wrappedKey));
            if (key.sealingPrivateKeyset != null) {
                key.sealingPrivateKeyset = crypto.rewrapSealingKeyset(key.workerId, key.sealingPrivateKeyset);
            }
            key.masterKeyId = crypto.masterKeyId();
        }
        return key;
    }

    private WorkerKey withSealingKeys(WorkerKey key) {
        if (key.sealingPrivateKeyset == null) {
            WorkerSealing.KeyPair pair = crypto.newSealingKeyPair(key.workerId);
            key.sealingPrivateKeyset = pair.wrappedPrivateKeyset();
            key.sealingPublicKeyset = pair.publicKeyset();
            key.sealingPublishedAt = null;
        }
        return key;
    }

    /** Her data key, or null if she has none (and so no readable data). */
    public Uni<SecretKey> existingKeyFor(String workerId) {
        return keys.findById(workerId).map(key -> key == null ? null : crypto.unwrap(workerId, key.wrappedKey));
    }

    /**
     * Deletes her data key and her private sealing keyset: from the commit on, every ciphertext of
     * hers (in this database, its copies and the backups made after the key's deletion) and every
     * copy sealed to her public keyset (in any service, topic or backup) is unreadable. Must run inside a
     * transaction.
     */
    public Uni<Void> destroy(String workerId) {
        return keys.delete("workerId", workerId).replaceWithVoid();
    }
}
