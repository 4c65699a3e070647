package nl.alarmcentral.contract.device;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.KeyRing;

/**
 * Encrypts and decrypts a button's HMAC secret as it travels on {@code device.bindings} and as
 * alarm-service stores it. Part of the contract because registry-service seals what alarm-service
 * opens: one format for both, on the contract's {@link KeyRing} (Tink AES-256-GCM). The secret
 * never exists in plain text outside memory: registry-service encrypts it when it binds a button,
 * alarm-service decrypts it only to verify a request.
 *
 * <p>The format ({@code docs/devices.md}):
 * <pre>
 * encryptedSecret = base64( 0x01 || keyId(4) || iv(12) || ciphertext || tag(16) )
 *   key        = the binding key ring shared by both services: the primary key (32 random bytes,
 *                base64 in configuration) and optional previous keys; keyId names the key
 *   algorithm  = AES-256-GCM (Tink's AEAD with its 5-byte output prefix)
 *   plaintext  = the secret as UTF-8
 *   AAD        = the device id as UTF-8
 * </pre>
 * Standard base64 with padding (RFC 4648 section 4). The device id as associated data means a
 * ciphertext copied to another device's binding does not decrypt. Secrets sealed before the
 * module existed ({@code base64(iv || ciphertext || tag)} under the same key) still decrypt, so the
 * bindings already on the compacted topic and in alarm-service's database keep working.
 */
public class DeviceSecretSeal {

    private static final String PROPERTY = "the device-binding key";

    private final KeyRing ring;

    /** A one-key ring: the binding key as every deployment configures it. */
    public DeviceSecretSeal(String base64Key) {
        this(base64Key, List.of());
    }

    /**
     * The binding key and the keys it replaced, each base64 of 32 random bytes. Rotating: both
     * services get the new key as primary and the old one among the previous keys.
     */
    public DeviceSecretSeal(String base64Key, List<String> previousKeys) {
        this.ring = KeyRing.of(PROPERTY, base64Key, previousKeys);
    }

    /** The encrypted form of a device's secret, as it goes on the topic. */
    public String encrypt(String deviceId, String secret) {
        return Base64.getEncoder().encodeToString(
                ring.encrypt(secret.getBytes(StandardCharsets.UTF_8), deviceId.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The secret's UTF-8 bytes (the HMAC key).
     *
     * @throws IllegalArgumentException if it is not of the format above, was encrypted under
     *                                  another key, or for another device
     */
    public byte[] decrypt(String deviceId, String encryptedSecret) {
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(encryptedSecret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The encrypted secret is not base64");
        }
        try {
            return ring.decrypt(stored, deviceId.getBytes(StandardCharsets.UTF_8));
        } catch (CryptoException e) {
            throw new IllegalArgumentException("The encrypted secret does not decrypt (another key or another device)");
        }
    }
}
