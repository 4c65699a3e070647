package nl.alarmcentral.registry.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.registry.config.RegistryConfig;

/**
 * The registry's keys, on the contract's crypto module ({@link KeyRing}, {@link WorkerSealing}):
 * <ul>
 * <li>envelope encryption of personal data: every worker has her own 32-byte data key, stored
 * only wrapped by the master key ring from configuration (primary key plus previous keys, so the
 * master key can be rotated); each field is encrypted under her data key (Tink AES-256-GCM) and
 * bound to her id and the field's name through the associated data, so a ciphertext copied to
 * another row or column does not decrypt;</li>
 * <li>her sealing key pair: the private keyset is wrapped by the same master ring, bound to her
 * id; what other services sealed to her public keyset opens only here.</li>
 * </ul>
 *
 * <p>Stored format: Tink's (a 5-byte prefix naming the key, 12-byte IV, ciphertext, tag). Rows
 * written before Tink (one version byte 1, then IV, ciphertext and tag under the same keys) are
 * still read during the transition and are rewritten in the new format when they change; see
 * {@link #open}.
 */
@ApplicationScoped
public class EnvelopeCrypto {

    private static final String PROPERTY = "registry.crypto.master-key";
    private static final byte FORMAT_BEFORE_TINK = 1;
    private static final int DATA_KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final KeyRing master;

    @Inject
    public EnvelopeCrypto(RegistryConfig config) {
        this(config.crypto());
    }

    public EnvelopeCrypto(RegistryConfig.Crypto config) {
        this.master = KeyRing.of(PROPERTY, config.masterKey(), config.previousMasterKeys().orElse(List.of()));
    }

    /** Id of the master key that {@link #wrap} uses (8 hex digits, also in every wrapped key's prefix). */
    public String masterKeyId() {
        return master.primaryKeyId();
    }

    /** A fresh random data key for a new worker. */
    public SecretKey newDataKey() {
        byte[] key = new byte[DATA_KEY_BYTES];
        random.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    /** Encrypts a data key with the master ring's primary key, bound to its worker. */
    public byte[] wrap(String workerId, SecretKey dataKey) {
        return master.encrypt(dataKey.getEncoded(), aad(workerId, "data-key"));
    }

    /** Decrypts a wrapped data key, whichever key of the master ring wrapped it. */
    public SecretKey unwrap(String workerId, byte[] wrapped) {
        return new SecretKeySpec(open(master, wrapped, aad(workerId, "data-key")), "AES");
    }

    /** Encrypts one field of a worker; null stays null. */
    public byte[] encrypt(SecretKey dataKey, String workerId, String field, String value) {
        return encrypt(dataKeyRing(dataKey), workerId, field, value);
    }

    /** Decrypts one field of a worker; null stays null. */
    public String decrypt(SecretKey dataKey, String workerId, String field, byte[] stored) {
        return decrypt(dataKeyRing(dataKey), workerId, field, stored);
    }

    /**
     * Her data key as a ring, built once for the many fields of one request (building it costs
     * several times one field's encryption).
     */
    KeyRing dataKeyRing(SecretKey dataKey) {
        return KeyRing.ofKeyBytes(dataKey.getEncoded());
    }

    /** {@link #encrypt(SecretKey, String, String, String)} with her ring at hand. */
    byte[] encrypt(KeyRing dataKey, String workerId, String field, String value) {
        return value == null ? null : dataKey.encrypt(value.getBytes(StandardCharsets.UTF_8), aad(workerId, field));
    }

    /** {@link #decrypt(SecretKey, String, String, byte[])} with her ring at hand. */
    String decrypt(KeyRing dataKey, String workerId, String field, byte[] stored) {
        return stored == null ? null : new String(open(dataKey, stored, aad(workerId, field)), StandardCharsets.UTF_8);
    }

    /** Her new sealing key pair, the private keyset wrapped by the master ring and bound to her. */
    public WorkerSealing.KeyPair newSealingKeyPair(String workerId) {
        return WorkerSealing.newKeyPair(master, sealingContext(workerId));
    }

    /** Her private sealing keyset wrapped again by the master ring's primary key (after a rotation). */
    public byte[] rewrapSealingKeyset(String workerId, byte[] wrappedPrivateKeyset) {
        return WorkerSealing.rewrap(master, sealingContext(workerId), wrappedPrivateKeyset);
    }

    /**
     * Opens what a service sealed to her public keyset.
     *
     * @throws CryptoException if it was not sealed to her key pair with this associated data
     */
    public byte[] openSealed(String workerId, byte[] wrappedPrivateKeyset, byte[] sealed, byte[] associatedData) {
        return WorkerSealing.open(master, sealingContext(workerId), wrappedPrivateKeyset, sealed, associatedData);
    }

    private static byte[] sealingContext(String workerId) {
        return aad(workerId, "sealing-keyset");
    }

    private static byte[] aad(String workerId, String field) {
        return (workerId + "\u0000" + field).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decrypts Tink's format, or the format written before Tink: its version byte dropped, the
     * rest is what the ring reads as a ciphertext without prefix.
     */
    private static byte[] open(KeyRing ring, byte[] stored, byte[] aad) {
        try {
            return ring.decrypt(stored, aad);
        } catch (CryptoException e) {
            if (stored.length > 1 && stored[0] == FORMAT_BEFORE_TINK) {
                try {
                    return ring.decrypt(Arrays.copyOfRange(stored, 1, stored.length), aad);
                } catch (CryptoException ignored) {
                    // neither format: reported below
                }
            }
            throw new IllegalStateException("Decryption failed (wrong key or tampered data)");
        }
    }
}
