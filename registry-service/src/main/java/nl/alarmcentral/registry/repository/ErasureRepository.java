package nl.alarmcentral.registry.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.Erasure;

/** Withdrawals in progress, by worker id. */
@ApplicationScoped
public class ErasureRepository implements PanacheRepositoryBase<Erasure, String> {

    private static final String UNFINISHED = "(vaultKeyDestroyedAt is null or dataDeletedAt is null or tombstonePublishedAt is null or accountDeletedAt is null)";

    /**
     * Records that her withdrawal started, unless it already did (two requests at the same time
     * make one withdrawal), and returns the stored record.
     */
    public Uni<Erasure> insertIfAbsent(String workerId, Instant now, Instant nextAttemptAt) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO erasure (worker_id, requested_at, key_destroyed_at, attempts, next_attempt_at) "
                        + "VALUES (:workerId, :now, :now, 0, :next) ON CONFLICT (worker_id) DO NOTHING")
                .setParameter("workerId", workerId)
                .setParameter("now", now)
                .setParameter("next", nextAttemptAt)
                .executeUpdate()
                .flatMap(inserted -> session.find(Erasure.class, workerId)));
    }

    /** Unfinished withdrawals whose next attempt is due, oldest first. */
    public Uni<List<Erasure>> due(Instant now, int limit) {
        return find(UNFINISHED + " and nextAttemptAt <= ?1 order by nextAttemptAt", now).page(0, limit).list();
    }

    /** Finished withdrawals whose steps all completed before the cut-off. */
    public Uni<List<Erasure>> finishedBefore(Instant cutoff, int limit) {
        return find("vaultKeyDestroyedAt < ?1 and dataDeletedAt < ?1 and tombstonePublishedAt < ?1 and accountDeletedAt < ?1", cutoff)
                .page(0, limit).list();
    }

    public Uni<Long> countUnfinished() {
        return count(UNFINISHED);
    }
}
