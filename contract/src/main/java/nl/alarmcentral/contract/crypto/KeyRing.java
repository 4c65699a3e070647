package nl.alarmcentral.contract.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

/**
 * A ring of symmetric keys (Tink AEAD, AES-256-GCM) built from configuration, so a key can be
 * rotated without making anything unreadable: the primary key encrypts, every key of the ring
 * decrypts. Each ciphertext starts with Tink's 5-byte prefix (0x01 and the 4-byte id of the key
 * that encrypted it), so decryption picks the right key at once.
 *
 * <p>Configuration shape, the same for every ring (the registry's master key, the device-binding
 * key): one property with the primary key, 32 random bytes in base64 (what every deployment sets
 * today, so an existing single key is a one-key ring), and an optional list of previous keys in
 * the same form. A key's Tink id is derived from the key itself (the first four bytes of its
 * SHA-256 under a fixed label), so no id has to be configured and the same key has the same id in
 * every service. Rotating: generate a new key, make it the primary, move the old one into the list
 * of previous keys; once every ciphertext under the old key has been rewritten or has expired,
 * drop it from the list.
 *
 * <p>Transition from the hand-written AES-GCM of before: every key of the ring also reads that
 * format (no prefix: 12-byte IV, ciphertext, 128-bit tag, the same key and associated data), as a
 * Tink key without prefix. Tink tries keys without prefix only when no key's prefix matches, so
 * this costs nothing for ciphertexts of the new format. Remove it once nothing of the old format
 * is left (device bindings and registry rows are rewritten as they change).
 *
 * <p>Failures never quote key material or plain text.
 */
public final class KeyRing {

    private static final int KEY_BYTES = 32;
    private static final byte[] ID_LABEL = "alarmcentral key id\u0000".getBytes(StandardCharsets.UTF_8);

    private static final byte TINK_PREFIX = 0x01;

    private final Aead aead;
    private final int primaryId;

    private KeyRing(Aead aead, int primaryId) {
        this.aead = aead;
        this.primaryId = primaryId;
    }

    /**
     * The ring of a primary key and the previous keys, each base64 of 32 random bytes.
     *
     * @param property     the configuration property's name, for the messages of a bad key
     * @param primary      the key that encrypts
     * @param previousKeys keys that only decrypt (may be empty; blanks are ignored)
     * @throws IllegalStateException if a key is not base64 of 32 bytes, or two keys share an id
     */
    public static KeyRing of(String property, String primary, List<String> previousKeys) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(decode(property, primary));
        for (String previous : previousKeys) {
            if (previous != null && !previous.isBlank()) {
                keys.add(decode(property, previous));
            }
        }
        return of(property, keys);
    }

    /** A one-key ring: how every deployment configures a key until its first rotation. */
    public static KeyRing of(String property, String primary) {
        return of(property, primary, List.of());
    }

    /**
     * A one-key ring of a key that is not configuration but data, for example a worker's data key
     * (32 random bytes) that the master ring wraps.
     */
    public static KeyRing ofKeyBytes(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A key must be 32 bytes");
        }
        return of("data key", List.of(key));
    }

    private static KeyRing of(String property, List<byte[]> keys) {
        Tink.register();
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder();
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                int id = idOf(keys.get(i));
                if (!ids.add(id)) {
                    throw new IllegalStateException(property + " lists the same key twice");
                }
                KeysetHandle.Builder.Entry entry = KeysetHandle.importKey(aesGcm(keys.get(i), AesGcmParameters.Variant.TINK, id));
                builder.addEntry(i == 0 ? entry.makePrimary() : entry);
            }
            for (byte[] key : keys) {
                builder.addEntry(KeysetHandle.importKey(aesGcm(key, AesGcmParameters.Variant.NO_PREFIX, null)).withRandomId());
            }
            Aead aead = builder.build().getPrimitive(RegistryConfiguration.get(), Aead.class);
            return new KeyRing(aead, idOf(keys.get(0)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the key ring of " + property, e);
        }
    }

    /** The id (8 hex digits) of the key that encrypts; every ciphertext names its key the same way. */
    public String primaryKeyId() {
        return HexFormat.of().toHexDigits(primaryId);
    }

    /**
     * Whether the primary key encrypted this ciphertext (by its prefix): if not, an earlier key of
     * the ring did (or none did), and it is due to be encrypted again before that key is dropped.
     */
    public boolean encryptedByPrimary(byte[] ciphertext) {
        return ciphertext.length > 5 && ciphertext[0] == TINK_PREFIX
                && ByteBuffer.wrap(ciphertext, 1, 4).getInt() == primaryId;
    }

    /** Encrypts with the primary key, bound to the associated data. */
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /**
     * Decrypts with whichever key of the ring encrypted it.
     *
     * @throws CryptoException if no key of the ring encrypted it, the associated data differs, or it
     *                         was changed
     */
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        try {
            return aead.decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Does not decrypt (another key, other associated data, or changed)");
        }
    }

    /** The ring as Tink's primitive, for Tink's own encrypted keysets ({@link WorkerSealing}). */
    Aead aead() {
        return aead;
    }

    private static byte[] decode(String property, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }

    private static int idOf(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ID_LABEL);
            return ByteBuffer.wrap(digest.digest(key)).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static AesGcmKey aesGcm(byte[] key, AesGcmParameters.Variant variant, Integer id) throws GeneralSecurityException {
        AesGcmParameters parameters = AesGcmParameters.builder()
                .setKeySizeBytes(KEY_BYTES)
                .setIvSizeBytes(12)
                .setTagSizeBytes(16)
                .setVariant(variant)
                .build();
        return AesGcmKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                .setIdRequirement(id)
                .build();
    }
}
