package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A worker's keys: her data key (her fields here) and the private half of her sealing key pair
 * (what other services sealed to her public keyset), each wrapped by her vault key, which lives
 * outside the database ({@link nl.alarmcentral.registry.crypto.WorkerKeyVault}). Destroying this
 * row and her vault key makes every encrypted field of the worker and every copy sealed to her
 * unreadable at once, in this database, the other services' databases, the topics, and every
 * backup or copy of them, the ones made before included.
 */
@Entity
@Table(name = "worker_key")
public class WorkerKey {

    @Id
    @Column(name = "worker_id")
    public String workerId;

    /** The data key, encrypted with her vault key (or, see {@link #wrappedByVaultKey}, the master ring). */
    @Column(name = "wrapped_key", nullable = false)
    public byte[] wrappedKey;

    /**
     * Which master key wraps her keys: her vault key, or (not yet moved) the keys here directly.
     * Informational: what tells an operator that no row needs a previous master key any more.
     */
    @Column(name = "master_key_id", nullable = false)
    public String masterKeyId;

    /**
     * Her private sealing keyset, as Tink's encrypted keyset under the same key as
     * {@link #wrappedKey} (bound to her id); null only for a worker registered before sealing existed, until her next write.
     */
    @Column(name = "sealing_private_keyset")
    public byte[] sealingPrivateKeyset;

    /** Her public sealing keyset (base64), as published on {@code worker.registrations}. */
    @Column(name = "sealing_public_keyset")
    public String sealingPublicKeyset;

    /** When the broker acknowledged a registration with {@link #sealingPublicKeyset}; null: to publish. */
    @Column(name = "sealing_published_at")
    public Instant sealingPublishedAt;

    /**
     * True: her vault key wraps {@link #wrappedKey} and {@link #sealingPrivateKeyset}. False: the
     * master ring does (registered before the vault; moved at her next write).
     */
    @Column(name = "wrapped_by_vault_key", nullable = false)
    public boolean wrappedByVaultKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
