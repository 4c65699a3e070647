package nl.alarmcentral.registry.service;

import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.WorkerKey;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.crypto.WorkerKeyVault;
import nl.alarmcentral.registry.repository.ErasureRepository;
import nl.alarmcentral.registry.repository.WorkerKeyRepository;

/**
 * Finds, creates and destroys a worker's keys (her data key and her sealing key pair, one row,
 * wrapped by her vault key in {@link WorkerKeyVault}); the only code that unwraps them. Rows from
 * before the vault (wrapped by the master ring directly) move into it at her next write.
 */
@ApplicationScoped
public class WorkerKeyService {

    private final WorkerKeyRepository keys;
    private final ErasureRepository erasures;
    private final EnvelopeCrypto crypto;
    private final WorkerKeyVault vault;

    public WorkerKeyService(WorkerKeyRepository keys, ErasureRepository erasures, EnvelopeCrypto crypto, WorkerKeyVault vault) {
        this.keys = keys;
        this.erasures = erasures;
        this.crypto = crypto;
        this.vault = vault;
    }

    /**
     * Her data key for a write, created on first use. Locks her key row until the transaction
     * ends, so her writes and her withdrawal take turns, and refuses (409) while a withdrawal of
     * hers is recorded: a token she still holds must not store anything about her again. Must run
     * inside a transaction.
     */
    public Uni<SecretKey> keyForWrite(String workerId) {
        return lockedForWrite(workerId).map(key -> crypto.unwrap(wrappingOf(key).orElseThrow(), workerId, key.wrappedKey));
    }

    /**
     * Her key row for a write, as {@link #keyForWrite} finds or creates it (locked, refused while
     * a withdrawal of hers is recorded), wrapped by her vault key (moved there if an older row was
     * not) under the current master key. Her sealing key pair is created with her data key; a
     * worker who registered before sealing existed gets hers here, at her first write since, and
     * her public keyset is then still to publish ({@link WorkerKey#sealingPublishedAt} null). Must
     * run inside a transaction.
     *
     * <p>Her vault key is made before her first row is inserted; if a withdrawal of hers is
     * recorded meanwhile, the refusal leaves that fresh key behind, wrapping nothing.
     */
    public Uni<WorkerKey> lockedForWrite(String workerId) {
        return keys.findById(workerId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(existing -> offTheEventLoop(() -> existing != null && existing.wrappedByVaultKey && vault.find(workerId).isEmpty()
                        // Her vault key was destroyed: a row restored from a backup made before her withdrawal.
                        ? null
                        : vault.keyForWrite(workerId))
                        .flatMap(vaultKey -> {
                            if (vaultKey == null) {
                                throw withdrawn();
                            }
                            return existing != null
                                    ? Uni.createFrom().item(withSealingKeys(inVault(existing, vaultKey), vaultKey))
                                    : keys.insertIfAbsentAndLock(workerId, crypto.wrap(vaultKey, workerId, crypto.newDataKey()),
                                            crypto.masterKeyId(), crypto.newSealingKeyPair(vaultKey, workerId));
                        }))
                .flatMap(key -> erasures.findById(workerId).map(erasure -> {
                    if (erasure != null) {
                        throw withdrawn();
                    }
                    return key;
                }));
    }

    private static ProblemException withdrawn() {
        return ProblemException.conflict("This registration was withdrawn; nothing can be stored for it.");
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
        KeyRing wrapping = wrappingOf(key).orElse(null);
        if (key.sealingPrivateKeyset == null || wrapping == null) {
            throw new CryptoException("She has no sealing key pair (yet, or any more)");
        }
        return crypto.openSealed(wrapping, key.workerId, key.sealingPrivateKeyset, sealed, associatedData);
    }

    /**
     * Her data key, or null if she has none (and so no readable data): no key row, or a row whose
     * vault key was destroyed (restored from a backup made before her withdrawal).
     */
    public Uni<SecretKey> existingKeyFor(String workerId) {
        return keys.findById(workerId).map(key -> key == null ? null
                : wrappingOf(key).map(wrapping -> crypto.unwrap(wrapping, workerId, key.wrappedKey)).orElse(null));
    }

    /**
     * Deletes her key row (her data key and her private sealing keyset): from the commit on, every
     * ciphertext of hers in this database and every copy sealed to her public keyset (in any
     * service, topic or backup) is unreadable with what this database holds. Copies of the row made
     * before stay readable until {@link #destroyVaultKey}. Must run inside a transaction.
     */
    public Uni<Void> destroy(String workerId) {
        return keys.delete("workerId", workerId).replaceWithVoid();
    }

    /**
     * Destroys her vault key, after {@link #destroy} committed: from then on no copy of her key row,
     * in any backup or WAL, opens with any key the system holds. Safe to repeat.
     */
    public Uni<Void> destroyVaultKey(String workerId) {
        return offTheEventLoop(() -> {
            vault.destroy(workerId);
            return null;
        });
    }

    /**
     * The ring that wraps the keys of her row: her vault key, or the master ring for a row not yet
     * moved; empty if her vault key was destroyed.
     */
    private Optional<KeyRing> wrappingOf(WorkerKey key) {
        return key.wrappedByVaultKey ? vault.find(key.workerId) : Optional.of(crypto.master());
    }

    /**
     * Her row wrapped by her vault key: a row from before the vault moves into it (its keys
     * unchanged, so nothing sealed to her changes). Either way the row then names the current master
     * key, which {@link WorkerKeyVault#keyForWrite} has wrapped her vault key with.
     */
    private WorkerKey inVault(WorkerKey key, KeyRing vaultKey) {
        if (!key.wrappedByVaultKey) {
            KeyRing master = crypto.master();
            key.wrappedKey = crypto.wrap(vaultKey, key.workerId, crypto.unwrap(master, key.workerId, key.wrappedKey));
            if (key.sealingPrivateKeyset != null) {
                key.sealingPrivateKeyset = crypto.rewrapSealingKeyset(master, vaultKey, key.workerId, key.sealingPrivateKeyset);
            }
            key.wrappedByVaultKey = true;
        }
        key.masterKeyId = crypto.masterKeyId();
        return key;
    }

    private WorkerKey withSealingKeys(WorkerKey key, KeyRing vaultKey) {
        if (key.sealingPrivateKeyset == null) {
            WorkerSealing.KeyPair pair = crypto.newSealingKeyPair(vaultKey, key.workerId);
            key.sealingPrivateKeyset = pair.wrappedPrivateKeyset();
            key.sealingPublicKeyset = pair.publicKeyset();
            key.sealingPublishedAt = null;
        }
        return key;
    }

    /** File-system work (the vault forces its writes to disk) on a worker thread, back on the caller's context. */
    private static <T> Uni<T> offTheEventLoop(Supplier<T> work) {
        return Contexts.resumeHere(Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }
}
