package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;

/**
 * One alarm event on an incident's timeline. Its key is the alarm id, which makes consuming
 * idempotent: a redelivered event finds its row and changes nothing.
 */
@Entity
@Table(name = "incident_alarm")
public class IncidentAlarm {

    @Id
    @Column(name = "alarm_id")
    public UUID alarmId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlarmKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlarmChannel channel;

    /** When alarm-service accepted it. */
    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    /** When dispatch-service recorded it. */
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /**
     * Whether it carried claim-checked details (position, timer note) to be fetched from
     * alarm-service; the details themselves are never stored ({@code service/IncidentCardStore}).
     */
    @Column(name = "has_details", nullable = false)
    public boolean hasDetails;
}
