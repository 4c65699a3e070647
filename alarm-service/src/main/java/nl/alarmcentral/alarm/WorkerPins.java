package nl.alarmcentral.alarm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A worker's cancel PIN and duress PIN, kept only as slow salted hashes, and the lockout state of
 * her PIN entry. One row per worker: both PINs are always set together, so they always have the
 * same cost and a check against both takes the same time whichever one she typed.
 */
@Entity
@Table(name = "worker_pins")
public class WorkerPins {

    @Id
    @Column(name = "worker_id")
    public String workerId;

    /** The cancel PIN's hash, in the self-describing format of {@code PinHasher}. */
    @Column(name = "cancel_hash", nullable = false)
    public String cancelHash;

    /** The duress PIN's hash, same format. */
    @Column(name = "duress_hash", nullable = false)
    public String duressHash;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /**
     * Wrong PINs are counted from this moment on (within the attempt window): moved forward by an
     * accepted PIN, by a lock (to its end) and by setting new PINs.
     */
    @Column(name = "wrong_since", nullable = false)
    public Instant wrongSince;

    /** Until when PIN entry is locked, or null. */
    @Column(name = "locked_until")
    public Instant lockedUntil;
}
