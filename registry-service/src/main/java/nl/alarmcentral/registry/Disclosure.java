package nl.alarmcentral.registry;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One disclosure of a worker's data: who saw which fields, when, and for which purpose and
 * incident. The worker can read this log about herself; it holds no personal data itself.
 */
@Entity
@Table(name = "disclosure")
public class Disclosure {

    @Id
    public UUID id;

    @Column(name = "worker_id", nullable = false)
    public String workerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DisclosurePurpose purpose;

    /** The incident the disclosure was for, when the purpose is an emergency. */
    @Column(name = "incident_id")
    public UUID incidentId;

    /** The client (service account) or person that asked. */
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** Comma-separated names of the fields disclosed. */
    @Column(nullable = false)
    public String fields;

    @Column(name = "disclosed_at", nullable = false)
    public Instant disclosedAt;
}
