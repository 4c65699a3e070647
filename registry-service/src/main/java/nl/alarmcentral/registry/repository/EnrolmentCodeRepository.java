package nl.alarmcentral.registry.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.EnrolmentCode;

/** Workers' unused enrolment codes (hashes only), by worker id. */
@ApplicationScoped
public class EnrolmentCodeRepository implements PanacheRepositoryBase<EnrolmentCode, String> {

    /**
     * Stores her new code, replacing any earlier unused one.
     */
    public Uni<Void> replace(String workerId, String codeHash, Instant issuedAt, Instant expiresAt) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO enrolment_code (worker_id, code_hash, issued_at, expires_at) "
                        + "VALUES (:workerId, :codeHash, :issuedAt, :expiresAt) ON CONFLICT (worker_id) "
                        + "DO UPDATE SET code_hash = EXCLUDED.code_hash, issued_at = EXCLUDED.issued_at, "
                        + "expires_at = EXCLUDED.expires_at")
                .setParameter("workerId", workerId)
                .setParameter("codeHash", codeHash)
                .setParameter("issuedAt", issuedAt)
                .setParameter("expiresAt", expiresAt)
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The code with this hash, locked until the end of the transaction (a second use of the same
     * code waits, then finds it gone), or null.
     */
    public Uni<EnrolmentCode> findLockedByHash(String codeHash) {
        return find("codeHash", codeHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Whether any worker's code has this hash. */
    public Uni<Boolean> hashInUse(String codeHash) {
        return count("codeHash", codeHash).map(count -> count > 0);
    }

    /** Deletes codes that expired before {@code before}: an unused code is not kept for long. */
    public Uni<Long> deleteExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }
}
