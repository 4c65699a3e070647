package nl.alarmcentral.alarm;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A warning a button asked for (a low battery). The row exists so that a retried request (same
 * device event id) is recognised and never becomes a second warning; the warning itself goes to
 * the broker through the outbox ({@code EventOutbox}). Deleted after a retention period.
 */
@Entity
@Table(name = "device_warning")
public class DeviceWarning {

    /** Derived from the device and its event id, so every retry carries the same id. */
    @Id
    @Column(name = "warning_id")
    public UUID warningId;

    @Column(name = "device_id", nullable = false)
    public String deviceId;

    @Column(name = "worker_id", nullable = false)
    public String workerId;

    /** The CloudEvent type of the warning. */
    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
