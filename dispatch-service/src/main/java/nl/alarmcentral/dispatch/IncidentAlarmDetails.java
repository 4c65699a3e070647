package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An alarm's details as alarm-service disclosed them by claim check: where she was and the note
 * she left with her safety timer. Personal data, kept apart from the alarm (like
 * {@link IncidentCard}) and only for the incident: it must be deleted when the incident closes.
 */
@Entity
@Table(name = "incident_alarm_details")
public class IncidentAlarmDetails {

    @Id
    @Column(name = "alarm_id")
    public UUID alarmId;

    /** The incident it belongs to, so that closing it can drop its details in one go. */
    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    public Double latitude;

    public Double longitude;

    @Column(name = "accuracy_m")
    public Double accuracyM;

    @Column(name = "location_captured_at")
    public Instant locationCapturedAt;

    @Column(name = "timer_note")
    public String timerNote;

    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;
}
