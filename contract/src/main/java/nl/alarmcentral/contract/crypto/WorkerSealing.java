package nl.alarmcentral.contract.crypto;

import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;

/**
 * Sealing to a worker: each worker has a key pair (Tink hybrid encryption, HPKE with X25519,
 * HKDF-SHA256 and AES-256-GCM). Any service seals to her public keyset, which travels on
 * {@code worker.registrations}, without asking anyone; only the registry, which holds her private
 * keyset wrapped by its master {@link KeyRing}, opens. Destroying her private keyset makes every
 * sealed copy unreadable, wherever it lies (rows, WAL, backups, topics).
 *
 * <p>Formats: the public keyset is Tink's binary keyset without secrets, in standard base64; the
 * private keyset is Tink's encrypted keyset, encrypted by the master ring with the caller's
 * context (her worker id) as associated data; sealed bytes are Tink's hybrid ciphertext, which
 * starts with the 5-byte prefix of the key pair that sealed them, so after a {@link #rotate} the
 * older sealed bytes still open. The associated data given to {@link #seal} (for example the
 * alarm id and what the bytes are) must be given again to {@link #open}: sealed bytes copied to
 * another alarm or field do not open.
 */
public final class WorkerSealing {

    /** Her new key pair: the private keyset only wrapped, the public keyset ready for a topic. */
    public record KeyPair(byte[] wrappedPrivateKeyset, String publicKeyset) {
    }

    private static final HpkeParameters PARAMETERS = parameters();

    private WorkerSealing() {
    }

    /**
     * A new key pair.
     *
     * @param wrapping the ring that wraps the private keyset
     * @param context  associated data of the wrapping, for example her worker id: a wrapped keyset
     *                 copied to another worker's row does not unwrap
     */
    public static KeyPair newKeyPair(KeyRing wrapping, byte[] context) {
        Tink.register();
        try {
            return keyPair(KeysetHandle.generateNew(PARAMETERS), wrapping, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a sealing key pair", e);
        }
    }

    /**
     * Adds a new key pair as primary to hers and keeps the older ones for opening: what is sealed
     * from now on (by services that have her new public keyset) uses the new one.
     */
    public static KeyPair rotate(KeyRing wrapping, byte[] context, byte[] wrappedPrivateKeyset) {
        KeysetHandle current = unwrap(wrapping, context, wrappedPrivateKeyset);
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PARAMETERS).withRandomId().makePrimary())
                    .build();
            return keyPair(rotated, wrapping, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot rotate a sealing key pair", e);
        }
    }

    /**
     * Her private keyset, wrapped by {@code from}, wrapped again by {@code to}'s primary key, the key
     * pair unchanged: nothing sealed to her changes. For a rotation of the ring that wraps it
     * ({@code from} and {@code to} the same ring) and for a move to another wrapping key.
     */
    public static byte[] rewrap(KeyRing from, KeyRing to, byte[] context, byte[] wrappedPrivateKeyset) {
        KeysetHandle current = unwrap(from, context, wrappedPrivateKeyset);
        try {
            return TinkProtoKeysetFormat.serializeEncryptedKeyset(current, to.aead(), context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a sealing keyset", e);
        }
    }

    /**
     * Seals plain text to her public keyset.
     *
     * @param publicKeyset   her public keyset, base64, as on {@code worker.registrations}
     * @param associatedData what the sealed bytes belong to; needed again to open them
     * @throws CryptoException if the public keyset is not one
     */
    public static byte[] seal(String publicKeyset, byte[] plaintext, byte[] associatedData) {
        Tink.register();
        HybridEncrypt encrypt;
        try {
            KeysetHandle handle = TinkProtoKeysetFormat.parseKeysetWithoutSecret(Base64.getDecoder().decode(publicKeyset));
            encrypt = handle.getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CryptoException("Not a public sealing keyset");
        }
        try {
            return encrypt.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    /**
     * Opens sealed bytes with her private keyset.
     *
     * @throws CryptoException if they were not sealed to one of her key pairs, with this associated
     *                         data, or were changed
     */
    public static byte[] open(KeyRing wrapping, byte[] context, byte[] wrappedPrivateKeyset, byte[] sealed,
            byte[] associatedData) {
        KeysetHandle handle = unwrap(wrapping, context, wrappedPrivateKeyset);
        try {
            return handle.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class).decrypt(sealed, associatedData);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Does not open (not sealed to her, other associated data, or changed)");
        }
    }

    private static KeysetHandle unwrap(KeyRing wrapping, byte[] context, byte[] wrappedPrivateKeyset) {
        Tink.register();
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedPrivateKeyset, wrapping.aead(), context);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("The private sealing keyset does not unwrap (another master key or another worker)");
        }
    }

    private static KeyPair keyPair(KeysetHandle privateKeyset, KeyRing wrapping, byte[] context) throws GeneralSecurityException {
        byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(privateKeyset, wrapping.aead(), context);
        byte[] publicKeyset = TinkProtoKeysetFormat.serializeKeysetWithoutSecret(privateKeyset.getPublicKeysetHandle());
        return new KeyPair(wrapped, Base64.getEncoder().encodeToString(publicKeyset));
    }

    private static HpkeParameters parameters() {
        try {
            return HpkeParameters.builder()
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .setVariant(HpkeParameters.Variant.TINK)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HPKE parameters are not supported", e);
        }
    }
}
