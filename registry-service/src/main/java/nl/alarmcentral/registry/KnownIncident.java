package nl.alarmcentral.registry;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An incident as dispatch-service announced it on {@code incident.events}. The registry discloses
 * a worker's card only for an incident it knows to be open for her: dispatch cannot simply name
 * any incident id, it must have published (durably) that it opened one. Its closing time also
 * decides when she sees the disclosures made for it (docs/privacy.md, "Her disclosure log and
 * coercion"), so it is kept as long as a disclosure record names it.
 */
@Entity
@Table(name = "known_incident")
public class KnownIncident {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    /** The worker it is about. */
    @Column(name = "worker_id", nullable = false)
    public String workerId;

    /** When dispatch opened it; null if its closing arrived first. */
    @Column(name = "opened_at")
    public Instant openedAt;

    /** When dispatch closed it; null while open. Once closed it stays closed. */
    @Column(name = "closed_at")
    public Instant closedAt;

    /** When the registry first heard of it. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public boolean isOpen() {
        return closedAt == null && openedAt != null;
    }
}
