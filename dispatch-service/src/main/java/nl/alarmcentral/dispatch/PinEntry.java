package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A cancel or duress PIN entry on an incident's timeline. Kept as a fact rather than as a flag on
 * the incident, so that the incident's state follows from all entries together whatever order
 * they arrived in: a duress always wins over a cancel.
 */
@Entity
@Table(name = "pin_entry")
public class PinEntry {

    /** The CloudEvent id of the cancel or duress. */
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    /** The alarm she meant; dispatch may not have seen it. */
    @Column(name = "alarm_id", nullable = false)
    public UUID alarmId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PinEntryType type;

    /** When she entered the PIN. */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** When dispatch-service recorded it. */
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
