package nl.alarmcentral.alarm.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.BoundDevice;
import nl.alarmcentral.alarm.config.DeviceConfig;
import nl.alarmcentral.alarm.crypto.DeviceSecretCipher;
import nl.alarmcentral.alarm.crypto.DeviceSignature;
import nl.alarmcentral.alarm.repository.BoundDeviceRepository;

/**
 * Decides whether a request comes from a bound button: buttons have no account, so the signature
 * with the button's own secret is its login ({@code docs/devices.md}). Checks, in this order: the
 * form of the device id and the headers, the binding, the signature (constant-time), the
 * timestamp window (after the signature, so that the stale count means signed requests only). The replay check
 * comes later, in the transaction that acts on the request, so that a request whose alarm could
 * not be made durable may be sent again unchanged.
 *
 * <p>Every failure is the same 401 to the caller; the reason goes only to a metric.
 */
@ApplicationScoped
public class DeviceAuthenticator {

    private static final Logger LOG = Logger.getLogger(DeviceAuthenticator.class);

    /** Unix seconds, digits only (twelve digits reach far beyond any real clock). */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

    /** Decrypted secrets are cached up to this many devices; beyond it the cache starts afresh. */
    private static final int SECRET_CACHE_SIZE = 10_000;

    private final BoundDeviceRepository devices;
    private final DeviceSecretCipher cipher;
    private final DeviceConfig config;
    private final DeviceMetrics metrics;
    private final Map<String, CachedSecret> secrets = new ConcurrentHashMap<>();

    public DeviceAuthenticator(BoundDeviceRepository devices, DeviceSecretCipher cipher, DeviceConfig config,
            DeviceMetrics metrics) {
        this.devices = devices;
        this.cipher = cipher;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * The bound device that signed this request.
     *
     * @param timestamp the {@code X-Device-Timestamp} header as sent
     * @param signature the {@code X-Device-Signature} header as sent
     * @param body      the raw request body
     * @return the device, or a failure with a 401 {@code ProblemException}
     */
    @WithSession
    public Uni<AuthenticatedDevice> authenticate(String deviceId, String timestamp, String signature, byte[] body) {
        if (!DeviceBindingService.isDeviceId(deviceId)) {
            // Never bound (bindings are checked for this form); not worth a query, nor a log line.
            return Uni.createFrom().failure(metrics.unauthenticated(DeviceRejection.UNKNOWN_DEVICE));
        }
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches() || !DeviceSignature.isWellFormed(signature)) {
            return reject(deviceId, DeviceRejection.BAD_SIGNATURE);
        }
        return devices.findById(deviceId).flatMap(device -> {
            if (device == null) {
                secrets.remove(deviceId);
                return reject(deviceId, DeviceRejection.UNKNOWN_DEVICE);
            }
            if (!DeviceSignature.matches(secretOf(device), timestamp, body, signature)) {
                return reject(deviceId, DeviceRejection.BAD_SIGNATURE);
            }
            long signedAt = Long.parseLong(timestamp);
            if (Math.abs(Instant.now().getEpochSecond() - signedAt) > config.clockSkew().toSeconds()) {
                return reject(deviceId, DeviceRejection.STALE_TIMESTAMP);
            }
            return Uni.createFrom().item(new AuthenticatedDevice(device.deviceId, device.workerId, signature,
                    Instant.ofEpochSecond(signedAt)));
        });
    }

    private Uni<AuthenticatedDevice> reject(String deviceId, DeviceRejection reason) {
        LOG.debugf("Refused a button request: %s", reason.tag());
        return Uni.createFrom().failure(metrics.unauthenticated(reason));
    }

    /**
     * The device's secret, decrypted once per stored ciphertext: a new binding (new ciphertext)
     * replaces the cached one by itself.
     */
    private byte[] secretOf(BoundDevice device) {
        CachedSecret cached = secrets.get(device.deviceId);
        if (cached != null && cached.encrypted().equals(device.encryptedSecret)) {
            return cached.secret();
        }
        byte[] secret;
        try {
            secret = cipher.decrypt(device.deviceId, device.encryptedSecret);
        } catch (IllegalArgumentException e) {
            // Bindings are checked before they are stored, so this means the binding key changed.
            throw new IllegalStateException("A stored device secret does not decrypt; check alarm.devices.binding-key");
        }
        if (secrets.size() >= SECRET_CACHE_SIZE) {
            secrets.clear();
        }
        secrets.put(device.deviceId, new CachedSecret(device.encryptedSecret, secret));
        return secret;
    }

    private record CachedSecret(String encrypted, byte[] secret) {
    }
}
