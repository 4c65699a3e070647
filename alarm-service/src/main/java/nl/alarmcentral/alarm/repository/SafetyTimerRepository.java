package nl.alarmcentral.alarm.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.SafetyTimer;
import nl.alarmcentral.alarm.TimerState;

/** Safety timers, by timer id. */
@ApplicationScoped
public class SafetyTimerRepository implements PanacheRepositoryBase<SafetyTimer, UUID> {

    /** Her timers that are still running, soonest first. */
    public Uni<List<SafetyTimer>> findActive(String workerId) {
        return list("workerId = ?1 and state = ?2", Sort.by("expectedEnd"), workerId, TimerState.ACTIVE);
    }

    /** One of her timers, or null (also when it belongs to someone else). */
    public Uni<SafetyTimer> findOwn(String workerId, UUID timerId) {
        return findById(timerId).map(timer -> timer != null && timer.workerId.equals(workerId) ? timer : null);
    }

    /** One of her timers locked for this transaction, or null. */
    public Uni<SafetyTimer> findOwnLocked(String workerId, UUID timerId) {
        return findById(timerId, LockModeType.PESSIMISTIC_WRITE)
                .map(timer -> timer != null && timer.workerId.equals(workerId) ? timer : null);
    }

    /**
     * Claims one running timer whose deadline has passed, locked for this transaction. SKIP LOCKED
     * lets several instances (or overlapping checks) work through due timers side by side without
     * waiting for, or firing, a timer another one is already firing. The deadline is compared with
     * the database's clock, the one clock all instances share.
     */
    public Uni<SafetyTimer> claimDue() {
        return getSession().flatMap(session -> session
                .createNativeQuery("SELECT * FROM safety_timer WHERE state = 'ACTIVE' AND expected_end <= now() "
                        + "AND expected_end + grace_minutes * interval '1 minute' <= now() "
                        + "ORDER BY expected_end LIMIT 1 FOR UPDATE SKIP LOCKED", SafetyTimer.class)
                .getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }
}
