package nl.alarmcentral.alarm;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A hardware button bound to a worker: alarm-service's own copy of the binding from the topic
 * {@code device.bindings}, so that a button's alarm is accepted while registry-service is down. It
 * also tracks when the button was last heard from, for the offline warning.
 */
@Entity
@Table(name = "bound_device")
public class BoundDevice {

    @Id
    @Column(name = "device_id")
    public String deviceId;

    /** The worker whose alarms this button raises. */
    @Column(name = "worker_id", nullable = false)
    public String workerId;

    /** The HMAC secret, encrypted under the binding key (see {@code DeviceSecretCipher}); never in plain text. */
    @Column(name = "encrypted_secret", nullable = false)
    public String encryptedSecret;

    /** How often the button promises a heartbeat. */
    @Column(name = "heartbeat_interval_seconds", nullable = false)
    public int heartbeatIntervalSeconds;

    @Column(name = "bound_at", nullable = false)
    public Instant boundAt;

    /** When a valid request last came in; null if never (silence then counts from {@link #boundAt}). */
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /** When the offline warning for the current silence was published; null if none. */
    @Column(name = "offline_notified_at")
    public Instant offlineNotifiedAt;
}
