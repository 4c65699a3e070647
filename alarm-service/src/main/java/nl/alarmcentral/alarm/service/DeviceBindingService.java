package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.BoundDevice;
import nl.alarmcentral.alarm.crypto.DeviceSecretCipher;
import nl.alarmcentral.alarm.repository.BoundDeviceRepository;
import nl.alarmcentral.contract.event.DeviceBinding;

/**
 * Keeps alarm-service's copy of the button bindings ({@code device.bindings}), so that alarms
 * from a button are accepted while registry-service is down. Applying a binding is idempotent:
 * the latest record for a device wins, as on the compacted topic, and a redelivered record
 * changes nothing.
 */
@ApplicationScoped
public class DeviceBindingService {

    private static final Logger LOG = Logger.getLogger(DeviceBindingService.class);

    /**
     * What a device id may look like: it is part of the button's URL, so 1 to 64 characters of
     * letters, digits, {@code .}, {@code _}, {@code :} and {@code -}.
     */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Column width of {@code bound_device.worker_id}. */
    static final int MAX_ID_LENGTH = 64;
    static final int MAX_ENCRYPTED_SECRET_LENGTH = 512;
    /** A week: a button silent for longer than that is not a button we can watch. */
    static final int MAX_HEARTBEAT_INTERVAL_SECONDS = 7 * 24 * 3600;

    private final BoundDeviceRepository devices;
    private final DeviceSecretCipher cipher;

    public DeviceBindingService(BoundDeviceRepository devices, DeviceSecretCipher cipher) {
        this.devices = devices;
        this.cipher = cipher;
    }

    /**
     * Checks a binding record before anything is stored, so that a record the database would
     * refuse is skipped instead of retried forever.
     *
     * @param key the record's key (must be the device id)
     * @throws UnreadableDeviceBindingException if the record is not usable
     */
    public BoundDevice check(String key, DeviceBinding binding) {
        if (!isDeviceId(binding.deviceId())) {
            throw unreadable("deviceId is missing or not of the documented form");
        }
        if (!binding.deviceId().equals(key)) {
            throw unreadable("the record key is not the deviceId");
        }
        if (binding.workerId() == null || binding.workerId().isBlank() || binding.workerId().length() > MAX_ID_LENGTH) {
            throw unreadable("workerId is missing or too long");
        }
        if (binding.heartbeatIntervalSeconds() < 1 || binding.heartbeatIntervalSeconds() > MAX_HEARTBEAT_INTERVAL_SECONDS) {
            throw unreadable("heartbeatIntervalSeconds is out of range");
        }
        if (binding.boundAt() == null) {
            throw unreadable("boundAt is missing");
        }
        if (binding.encryptedSecret() == null || binding.encryptedSecret().length() > MAX_ENCRYPTED_SECRET_LENGTH) {
            throw unreadable("encryptedSecret is missing or too long");
        }
        try {
            if (cipher.decrypt(binding.deviceId(), binding.encryptedSecret()).length == 0) {
                throw unreadable("the secret is empty");
            }
        } catch (IllegalArgumentException e) {
            throw new UnreadableDeviceBindingException(DeviceMetrics.SKIPPED_UNDECRYPTABLE, e.getMessage());
        }
        BoundDevice device = new BoundDevice();
        device.deviceId = binding.deviceId();
        device.workerId = binding.workerId();
        device.encryptedSecret = binding.encryptedSecret();
        device.heartbeatIntervalSeconds = binding.heartbeatIntervalSeconds();
        device.boundAt = binding.boundAt();
        return device;
    }

    /** Stores a checked binding (see {@link BoundDeviceRepository#upsert}). */
    @WithTransaction
    public Uni<Void> bind(BoundDevice device) {
        return devices.upsert(device)
                .invoke(() -> LOG.debug("A button was bound"))
                .replaceWithVoid();
    }

    /** Removes a binding (a tombstone); the device is unknown from now on. */
    @WithTransaction
    public Uni<Void> unbind(String deviceId) {
        return devices.unbind(deviceId).invoke(() -> LOG.debug("A button was unbound"));
    }

    /**
     * Binds a demo button unless it is already bound to that worker with that secret (so that a
     * restart does not reset its heartbeat state).
     *
     * @return whether it was (re)bound
     */
    @WithTransaction
    public Uni<Boolean> bindDemo(String deviceId, String workerId, String secret, int heartbeatIntervalSeconds) {
        return devices.findById(deviceId).flatMap(existing -> {
            if (existing != null && existing.workerId.equals(workerId) && holds(existing, secret)) {
                return Uni.createFrom().item(false);
            }
            BoundDevice device = new BoundDevice();
            device.deviceId = deviceId;
            device.workerId = workerId;
            device.encryptedSecret = cipher.encrypt(deviceId, secret);
            device.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
            device.boundAt = Instant.now();
            return devices.upsert(device).replaceWith(true);
        });
    }

    /** Whether a string has the form of a device id. */
    static boolean isDeviceId(String deviceId) {
        return deviceId != null && DEVICE_ID.matcher(deviceId).matches();
    }

    private boolean holds(BoundDevice device, String secret) {
        try {
            return new String(cipher.decrypt(device.deviceId, device.encryptedSecret), StandardCharsets.UTF_8)
                    .equals(secret);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static UnreadableDeviceBindingException unreadable(String message) {
        return new UnreadableDeviceBindingException(DeviceMetrics.SKIPPED_UNREADABLE, message);
    }
}
