package nl.alarmcentral.alarm;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.alarm.service.Location;

/**
 * An alarm the central accepted. The row exists so that a retried request (same client
 * reference) is recognised and never becomes a second alarm, and it is its own outbox: a committed
 * row is an accepted alarm, and {@link #publishedAt} records that the broker acknowledged its
 * event (null: the relay still has to publish it, see {@code EventRelay}). It also holds the
 * alarm's details (the position), which dispatch fetches by claim check instead of reading them
 * from Kafka.
 */
@Entity
@Table(name = "alarm")
public class Alarm {

    /** Derived from worker and client reference, see {@code AlarmIds}. */
    @Id
    @Column(name = "alarm_id")
    public UUID alarmId;

    /**
     * Whose alarm it is; null once the row is reduced to a statistic (after the incidents'
     * retention, {@code AlarmRetention}) or she withdrew ({@code WorkerErasureService}).
     */
    @Column(name = "worker_id")
    public String workerId;

    /** The reference the client generated for this press; null when {@link #workerId} is. */
    @Column(name = "client_ref")
    public UUID clientRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlarmKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlarmChannel channel;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    /**
     * Where the phone or button was, sealed to her public keyset ({@code PositionSealing}): Tink
     * hybrid ciphertext of JSON {@code AlarmPosition}, associated data the alarm id and
     * {@code SealedKind.ALARM_POSITION}; only the registry opens it, for dispatch. Null when the
     * alarm came without a position, or her public keyset was not known when it was stored. Never
     * on Kafka. Dropped when the alarm's incident closes, else a day after the alarm
     * ({@code AlarmRetention}).
     */
    @Column(name = "sealed_position")
    public byte[] sealedPosition;

    /**
     * The position as it came with the press, in memory only (never written): what
     * {@code PositionSealing} seals when the row is written, and what an alarm accepted by the broker
     * alone keeps while it waits for the database ({@code UnstoredAlarms}).
     */
    @Transient
    public Location position;

    /** When the broker acknowledged the event; null while only the database has it. */
    @Column(name = "published_at")
    public Instant publishedAt;

    /**
     * When she withdrew it in the countdown with her cancel PIN, before it was sent; null for every
     * alarm that was sent. A withdrawn alarm is never published (nor its cancel): the row exists only
     * so that every later answer about that press is the same as after the duress PIN, which does
     * raise it. A duress PIN afterwards reinstates it (escalation wins).
     */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    /**
     * When dispatch closed the incident the alarm was on ({@code incident.events}); from then on its
     * details are not served and no position is added to the row.
     */
    @Column(name = "incident_closed_at")
    public Instant incidentClosedAt;

    /**
     * Whether the event says dispatch has details to fetch: a position, or the note of the safety
     * timer the alarm came from.
     */
    @Column(name = "has_details", nullable = false)
    public boolean hasDetails;
}
