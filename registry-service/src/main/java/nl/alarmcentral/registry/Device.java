package nl.alarmcentral.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A hardware button bound to a worker. Its secret is kept only as ciphertext under her own data
 * key ({@link WorkerKey}), so that her withdrawal makes it unreadable with the rest of her data;
 * alarm-service gets it over {@code device.bindings}, sealed with the key the two services share.
 * An unbound button has no row: nothing about it is kept.
 */
@Entity
@Table(name = "device")
public class Device {

    /** The button's id, as it appears in its requests to alarm-service. */
    @Id
    @Column(name = "device_id")
    public String deviceId;

    /** Her account id (an id only, stored plainly: it is what the binding is about). */
    @Column(name = "worker_id", nullable = false)
    public String workerId;

    /** The button's HMAC secret, encrypted under her data key. */
    @Column(nullable = false)
    public byte[] secret;

    /** How often the button sends a heartbeat. */
    @Column(name = "heartbeat_interval_seconds", nullable = false)
    public int heartbeatIntervalSeconds;

    @Column(name = "bound_at", nullable = false)
    public Instant boundAt;

    /** When the binding last changed (for now: when it was made). */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
