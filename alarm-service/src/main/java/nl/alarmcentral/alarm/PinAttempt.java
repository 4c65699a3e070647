package nl.alarmcentral.alarm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One PIN attempt, for the audit and for counting wrong PINs towards a lock. Holds no PIN, no
 * hash, no alarm and no timer: only who, when, what for and how it ended (see {@link PinOutcome}
 * for why a duress entry looks like any accepted PIN here).
 */
@Entity
@Table(name = "pin_attempt")
public class PinAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "worker_id", nullable = false)
    public String workerId;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PinPurpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PinOutcome outcome;

    public static PinAttempt of(String workerId, Instant at, PinPurpose purpose, PinOutcome outcome) {
        PinAttempt attempt = new PinAttempt();
        attempt.workerId = workerId;
        attempt.attemptedAt = at;
        attempt.purpose = purpose;
        attempt.outcome = outcome;
        return attempt;
    }
}
