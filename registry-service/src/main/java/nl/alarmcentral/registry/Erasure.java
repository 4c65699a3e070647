package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A worker's withdrawal while it is being carried out. Her key row is deleted in the transaction
 * that creates this row, so from then on her data is unreadable; the remaining steps (destroy her
 * vault key, so that copies made before are unreadable too; delete her rows; tell the other
 * services; delete her account) are retried until each is done.
 * The row holds only her id and timestamps, and is deleted shortly after the last step
 * ({@code registry.erasure.hold}); until then it also refuses writes made with a token she still
 * holds, so nothing of her is stored again.
 */
@Entity
@Table(name = "erasure")
public class Erasure {

    @Id
    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "key_destroyed_at", nullable = false)
    public Instant keyDestroyedAt;

    /** When her vault key was destroyed (copies of her key row made before no longer open). */
    @Column(name = "vault_key_destroyed_at")
    public Instant vaultKeyDestroyedAt;

    /** When every row about her was deleted (and observers of {@link WorkerErasedEvent} did their part). */
    @Column(name = "data_deleted_at")
    public Instant dataDeletedAt;

    /** When the broker acknowledged the tombstone on {@code worker.registrations}. */
    @Column(name = "tombstone_published_at")
    public Instant tombstonePublishedAt;

    /** When Keycloak confirmed her account is gone. */
    @Column(name = "account_deleted_at")
    public Instant accountDeletedAt;

    /** How many times the remaining steps were tried. */
    @Column(nullable = false)
    public int attempts;

    /** When the retry job tries the remaining steps again. */
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    public boolean isComplete() {
        return vaultKeyDestroyedAt != null && dataDeletedAt != null && tombstonePublishedAt != null && accountDeletedAt != null;
    }
}
