package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A worker's data key, wrapped (encrypted) by the registry's master key, which lives in
 * configuration and never in the database. Destroying this row makes every encrypted field of the
 * worker unreadable at once, in the database, its backups and any copy.
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

    /** Which master key wrapped it, so master keys can be rotated. */
    @Column(name = "master_key_id", nullable = false)
    public String masterKeyId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
