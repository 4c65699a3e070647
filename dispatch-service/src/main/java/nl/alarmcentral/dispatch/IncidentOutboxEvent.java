package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import nl.alarmcentral.contract.event.EventTypes;

/**
 * An {@code incident.opened} or {@code incident.closed} event for {@code incident.events}, written
 * in the transaction that opens or closes the incident (an outbox): the event cannot be lost when
 * the broker is away at that moment, and it is never published for a change that rolled back.
 * {@code service/IncidentEventRelay} publishes it after the commit and retries until the broker
 * has acknowledged it. Ids and times only.
 */
@Entity
@Table(name = "incident_outbox")
public class IncidentOutboxEvent {

    /** The CloudEvent id: the same for every attempt to publish this event. */
    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    /** Whose incident it is: the Kafka key. */
    @Column(name = "worker_id", nullable = false)
    public String workerId;

    /** {@link EventTypes#INCIDENT_OPENED} or {@link EventTypes#INCIDENT_CLOSED}. */
    @Column(nullable = false)
    public String type;

    /** When the incident opened or closed. */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the broker acknowledged it; null while not yet. */
    @Column(name = "published_at")
    public Instant publishedAt;

    /**
     * For {@link EventTypes#INCIDENT_CLOSED}: the ids of the incident's alarms, which the payload
     * carries so that alarm-service drops exactly their positions and notes. Not a column: read
     * from {@code incident_alarm} each time the event is published ({@code IncidentEventRelay}),
     * which keeps the rows until the closed event is acknowledged and the retention has passed.
     */
    @Transient
    public List<UUID> alarmIds = List.of();

    /** A new, unpublished event of the given type about the incident. */
    public static IncidentOutboxEvent of(String type, Incident incident, Instant occurredAt) {
        IncidentOutboxEvent event = new IncidentOutboxEvent();
        event.eventId = UUID.randomUUID();
        event.incidentId = incident.id;
        event.workerId = incident.workerId;
        event.type = type;
        event.occurredAt = occurredAt;
        event.createdAt = Instant.now();
        return event;
    }

    /** Whether this event tells that the incident closed (its payload then names its alarms). */
    public boolean isClosed() {
        return EventTypes.INCIDENT_CLOSED.equals(type);
    }

    /** Whether this event tells the registry the incident is open (its card may then be asked for). */
    public boolean isOpened() {
        return EventTypes.INCIDENT_OPENED.equals(type);
    }
}
