package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A worker's unused enrolment code: what she gives a coordinator so that a button can be bound to
 * her without the coordinator learning who she is. At most one per worker; only its hash is kept.
 */
@Entity
@Table(name = "enrolment_code")
public class EnrolmentCode {

    @Id
    @Column(name = "worker_id")
    public String workerId;

    /** SHA-256 of the normalised code, lower-case hex. */
    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
