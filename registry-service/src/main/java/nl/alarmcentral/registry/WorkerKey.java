package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A worker's keys, each wrapped (encrypted) by the registry's master key ring, which lives in
 * configuration and never in the database: her data key (her fields here) and the private half of
 * her sealing key pair (what other services sealed to her public keyset). Destroying this row
 * makes every encrypted field of the worker and every copy sealed to her unreadable at once, in
 * this database, the other services' databases, the topics, their backups and any copy.
 */
@Entity
@Table(name = "worker_key")
public class WorkerKey {

    @Id
    @Column(name = "worker_id")
    public String workerId;

    /** The data key, encrypted with the master key identified by {@link #masterKeyId}. */
    @Column(name = "wrapped_key", nullable = false)
    public byte[] wrappedKey;

    /** Which master key wrapped it (informational: every wrapped key's own prefix names it too). */
    @Column(name = "master_key_id", nullable = false)
    public String masterKeyId;

    /**
     * Her private sealing keyset, as Tink's encrypted keyset under the master ring (bound to her
     * id); null only for a worker registered before sealing existed, until her next write.
     */
    @Column(name = "sealing_private_keyset")
    public byte[] sealingPrivateKeyset;

    /** Her public sealing keyset (base64), as published on {@code worker.registrations}. */
    @Column(name = "sealing_public_keyset")
    public String sealingPublicKeyset;

    /** When the broker acknowledged a registration with {@link #sealingPublicKeyset}; null: to publish. */
    @Column(name = "sealing_published_at")
    public Instant sealingPublishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
