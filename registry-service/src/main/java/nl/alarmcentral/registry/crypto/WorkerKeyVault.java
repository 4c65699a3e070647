package nl.alarmcentral.registry.crypto;

import java.util.Optional;

import nl.alarmcentral.contract.crypto.KeyRing;

/**
 * A key store whose deletions are final: one key per worker (her "vault key"), which wraps her
 * data key and her private sealing keyset in the database. It exists because the database cannot
 * forget: a backup or WAL made before her withdrawal still holds her wrapped keys, and the master
 * key lives on, so destroying her key row alone leaves those copies readable. Her vault key lives
 * outside the database, in a store that is never backed up; destroying it at her withdrawal makes
 * every copy of her keys, and so of her data, unreadable, the old ones included.
 *
 * <p>The price: losing the vault loses every registration (docs/architecture.md). The implementation
 * here is a directory ({@link DirectoryKeyVault}); a cloud KMS or HashiCorp Vault's transit engine
 * (keys with deletion allowed) would implement the same three operations.
 *
 * <p>Every method touches the store synchronously: writes ({@link #keyForWrite}, {@link #destroy})
 * are made durable before they return, so callers run them off the event loop.
 */
public interface WorkerKeyVault {

    /**
     * Her vault key, created if she has none (two callers at once get the same key), and wrapped
     * again under the master ring's primary key if an earlier master key wrapped it.
     */
    KeyRing keyForWrite(String workerId);

    /** Her vault key, if she has one. */
    Optional<KeyRing> find(String workerId);

    /** Destroys her vault key, if she has one; doing it again does nothing. */
    void destroy(String workerId);
}
