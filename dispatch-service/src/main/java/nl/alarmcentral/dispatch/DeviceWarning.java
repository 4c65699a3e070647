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
 * A warning about a worker's hardware button: not an alarm. It joins her active incident's
 * timeline, or is kept on its own ({@link #incidentId} null) so that it is not lost; it never
 * opens an incident.
 */
@Entity
@Table(name = "device_warning")
public class DeviceWarning {

    /** The CloudEvent id (the warning's event id). */
    @Id
    @Column(name = "event_id")
    public String eventId;

    /** Whose button warned; null once she withdrew ({@code WorkerErasureService}). */
    @Column(name = "worker_id")
    public String workerId;

    @Column(name = "device_id", nullable = false)
    public String deviceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeviceWarningType type;

    /** The incident whose timeline it joined, or null when she had none. */
    @Column(name = "incident_id")
    public UUID incidentId;

    /** When alarm-service noticed. */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** When dispatch-service recorded it. */
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
