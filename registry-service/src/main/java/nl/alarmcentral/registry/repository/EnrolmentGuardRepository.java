package nl.alarmcentral.registry.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.EnrolmentGuard;

/** Coordinators' wrong enrolment codes, by coordinator id. */
@ApplicationScoped
public class EnrolmentGuardRepository implements PanacheRepositoryBase<EnrolmentGuard, String> {

    /**
     * Her guard row, created if absent, locked until the end of the transaction: her attempts are
     * counted one after the other, so guessing in parallel gains nothing.
     */
    public Uni<EnrolmentGuard> findOrCreateLocked(String coordinatorId, Instant now) {
        return getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO enrolment_guard (coordinator_id, wrong_count, window_start) "
                        + "VALUES (:coordinatorId, 0, :now) ON CONFLICT (coordinator_id) DO NOTHING")
                .setParameter("coordinatorId", coordinatorId)
                .setParameter("now", now)
                .executeUpdate())
                .flatMap(ignored -> findById(coordinatorId, LockModeType.PESSIMISTIC_WRITE));
    }
}
