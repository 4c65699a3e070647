package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The worker's dispatch card as the registry disclosed it for one incident: personal data, kept
 * only while the incident needs it and dropped when it closes or she is erased.
 */
@Entity
@Table(name = "incident_card")
public class IncidentCard {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "working_name")
    public String workingName;

    @Column(name = "safety_note")
    public String safetyNote;

    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;
}
