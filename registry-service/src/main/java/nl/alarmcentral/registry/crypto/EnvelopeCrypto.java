package nl.alarmcentral.registry.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.alarmcentral.registry.config.RegistryConfig;

/**
 * Envelope encryption of personal data: every worker has her own AES-256 data key; the data key
 * is stored only wrapped (AES-GCM) by the master key from configuration. Each encrypted value is
 * bound to its worker and field through the GCM associated data, so a ciphertext copied to another
 * row or column does not decrypt.
 *
 * <p>Stored format: one version byte, a 12-byte random IV, then ciphertext with the GCM tag.
 */
@ApplicationScoped
public class EnvelopeCrypto {

    private static final byte FORMAT_V1 = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey masterKey;
    private final String masterKeyId;

    @Inject
    public EnvelopeCrypto(RegistryConfig config) {
        this(config.crypto());
    }

    public EnvelopeCrypto(RegistryConfig.Crypto config) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(config.masterKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("registry.crypto.master-key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("registry.crypto.master-key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.masterKey = new SecretKeySpec(key, "AES");
        this.masterKeyId = config.masterKeyId();
    }

    /** Id of the master key that {@link #wrap} uses. */
    public String masterKeyId() {
        return masterKeyId;
    }

    /** A fresh random data key for a new worker. */
    public SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    /** Encrypts a data key with the master key, bound to its worker. */
    public byte[] wrap(String workerId, SecretKey dataKey) {
        return seal(masterKey, dataKey.getEncoded(), aad(workerId, "data-key"));
    }

    /** Decrypts a wrapped data key. */
    public SecretKey unwrap(String workerId, byte[] wrapped) {
        return new SecretKeySpec(open(masterKey, wrapped, aad(workerId, "data-key")), "AES");
    }

    /** Encrypts one field of a worker; null stays null. */
    public byte[] encrypt(SecretKey dataKey, String workerId, String field, String value) {
        return value == null ? null : seal(dataKey, value.getBytes(StandardCharsets.UTF_8), aad(workerId, field));
    }

    /** Decrypts one field of a worker; null stays null. */
    public String decrypt(SecretKey dataKey, String workerId, String field, byte[] stored) {
        return stored == null ? null : new String(open(dataKey, stored, aad(workerId, field)), StandardCharsets.UTF_8);
    }

    private static byte[] aad(String workerId, String field) {
        return (workerId + "\u0000" + field).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] seal(SecretKey key, byte[] plaintext, byte[] aad) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(FORMAT_V1).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    private static byte[] open(SecretKey key, byte[] stored, byte[] aad) {
        if (stored.length < 1 + IV_BYTES || stored[0] != FORMAT_V1) {
            throw new IllegalStateException("Unknown ciphertext format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed (wrong key or tampered data)", e);
        }
    }
}
