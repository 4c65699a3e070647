package nl.alarmcentral.alarm;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An event other than an alarm (a cancel, a duress, a button's warning) that alarm-service has
 * accepted and owes {@code alarm.events}. Stored in the same transaction as the decision that made
 * it, published at once when the broker is there, else by the relay ({@code EventRelay}); kept a
 * while after publishing, then deleted. Alarms need no such row: their own row is their outbox.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** The CloudEvent id: stable for the same decision, so a retry stores and sends one event. */
    @Id
    @Column(name = "event_id")
    public UUID eventId;

    /** The CloudEvent type ({@code EventTypes}). */
    @Column(nullable = false)
    public String type;

    /** The worker: the Kafka key, so her events stay in order on one partition. */
    @Column(name = "worker_id", nullable = false)
    public String workerId;

    /** The CloudEvent time. */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** The payload as JSON: ids and facts, never personal data. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged the event; null while only the database has it. */
    @Column(name = "published_at")
    public Instant publishedAt;
}
