package nl.alarmcentral.contract.device;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts a button's HMAC secret as it travels on {@code device.bindings} and as
 * alarm-service stores it. Part of the contract because registry-service seals what alarm-service
 * opens: one implementation of the format for both. The secret never exists in plain text outside memory: registry-service
 * encrypts it when it binds a button, alarm-service decrypts it only to verify a request.
 *
 * <p>The format, which registry-service must produce exactly ({@code docs/devices.md}):
 * <pre>
 * encryptedSecret = base64( iv || ciphertext || tag )
 *   key        = the 32-byte binding key shared by both services (base64 in configuration)
 *   algorithm  = AES-256-GCM, 128-bit tag
 *   iv         = 12 random bytes, new for every encryption
 *   plaintext  = the secret as UTF-8
 *   AAD        = the device id as UTF-8
 * </pre>
 * Standard base64 with padding (RFC 4648 section 4). The device id as associated data means a
 * ciphertext copied to another device's binding does not decrypt.
 */
public class DeviceSecretSeal {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    /** For tests and tools: a cipher with the given base64 key. */
    public DeviceSecretSeal(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The device-binding key is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The device-binding key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** The encrypted form of a device's secret, as it goes on the topic. */
    public String encrypt(String deviceId, String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(deviceId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
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
        if (stored.length < IV_BYTES + TAG_BITS / 8 + 1) {
            throw new IllegalArgumentException("The encrypted secret is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(deviceId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The encrypted secret does not decrypt (another key or another device)");
        }
    }
}
