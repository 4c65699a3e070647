package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Counts a coordinator's wrong enrolment codes, so that codes cannot be guessed: after a few wrong
 * ones within a window, she is locked out of binding for a while (even with a right code).
 */
@Entity
@Table(name = "enrolment_guard")
public class EnrolmentGuard {

    /** The coordinator's account id (token subject). */
    @Id
    @Column(name = "coordinator_id")
    public String coordinatorId;

    /** Wrong codes since {@link #windowStart}. */
    @Column(name = "wrong_count", nullable = false)
    public int wrongCount;

    @Column(name = "window_start", nullable = false)
    public Instant windowStart;

    /** Until when she cannot bind, or null. */
    @Column(name = "locked_until")
    public Instant lockedUntil;
}
