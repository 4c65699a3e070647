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
 * One request for a worker's data and its answer: who asked (the client), when, for which purpose
 * and incident, and either the names of the fields disclosed or why nothing was. Written in the
 * same transaction as the answer, so nothing leaves without a record. It names fields, never their
 * values; the worker reads this log about herself (a record made for an incident only once the
 * incident closed and {@code registry.disclosures.visible-after} passed, see
 * {@link nl.alarmcentral.registry.repository.DisclosureRepository#listVisibleToWorker}), and it is
 * deleted with the rest of her data when she withdraws.
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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DisclosureOutcome outcome;

    /** Why nothing was disclosed; null when granted. */
    @Enumerated(EnumType.STRING)
    @Column
    public RefusalReason reason;

    /** The incident the request was for, when the purpose is an emergency. */
    @Column(name = "incident_id")
    public UUID incidentId;

    /** The client (service account) that asked: the token's {@code azp}. */
    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** Comma-separated names of the fields disclosed; empty for a refusal. */
    @Column(nullable = false)
    public String fields;

    @Column(name = "disclosed_at", nullable = false)
    public Instant disclosedAt;
}
