package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One consent decision of a worker (granted or withdrawn, which text version, which fields),
 * appended and never changed: together they are her consent history, and the latest per type is
 * what holds now. The decision itself is encrypted with her data key; only when it was made is in
 * plain text.
 */
@Entity
@Table(name = "consent_change")
public class ConsentChange {

    /** Increases with every change, so the order of her decisions is exact. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "worker_id", nullable = false)
    public String workerId;

    /** Encrypted JSON of the decision. */
    @Column(nullable = false)
    public byte[] content;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
