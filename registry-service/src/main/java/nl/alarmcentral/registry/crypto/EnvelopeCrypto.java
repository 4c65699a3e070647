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
 * <li>envelope encryption of personal data: every worker has her own 32-byte data key; each field
 * is encrypted under it (Tink AES-256-GCM) and bound to her id and the field's name through the
 * associated data, so a ciphertext copied to another row or column does not decrypt;</li>
 * <li>her sealing key pair: what other services sealed to her public keyset opens only with its
 * private keyset;</li>
 * <li>the keys that wrap those two in the database: her vault key ({@link WorkerKeyVault}, outside
 * the database, destroyed at her withdrawal), itself wrapped by the master key ring from
 * configuration (primary key plus previous keys, so the master key can be rotated). Keys of
 * workers registered before the vault are wrapped by the master ring directly until her next
 * write moves them.</li>
 * </ul>
 * The methods that wrap or open her keys take the wrapping ring, her vault key or (before the
 * move) {@link #master()}: {@link nl.alarmcentral.registry.service.WorkerKeyService} chooses.
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

    /** Id of the master ring's primary key (8 hex digits, also in the prefix of everything it wrapped). */
    public String masterKeyId() {
        return master.primaryKeyId();
    }

    /** A fresh random data key for a new worker. */
    public SecretKey newDataKey() {
        byte[] key = new byte[DATA_KEY_BYTES];
        random.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    /** The master ring: it wraps the vault keys, and the keys of workers not yet moved into the vault. */
    public KeyRing master() {
        return master;
    }

    /** Encrypts a data key with the wrapping ring's primary key, bound to its worker. */
    public byte[] wrap(KeyRing wrapping, String workerId, SecretKey dataKey) {
        return wrapping.encrypt(dataKey.getEncoded(), aad(workerId, "data-key"));
    }

    /** Decrypts a wrapped data key, whichever key of the wrapping ring wrapped it. */
    public SecretKey unwrap(KeyRing wrapping, String workerId, byte[] wrapped) {
        return new SecretKeySpec(open(wrapping, wrapped, aad(workerId, "data-key")), "AES");
    }

    /** Her vault key wrapped by the master ring's primary key, bound to her, for the vault to store. */
    public byte[] wrapVaultKey(String workerId, byte[] vaultKey) {
        return master.encrypt(vaultKey, aad(workerId, "vault-key"));
    }

    /** Her vault key as the vault stored it, whichever master key wrapped it. */
    public byte[] unwrapVaultKey(String workerId, byte[] wrapped) {
        return open(master, wrapped, aad(workerId, "vault-key"));
    }

    /** Whether the current master key wrapped this (if not, wrap it again before the old key is dropped). */
    public boolean wrappedByCurrentMasterKey(byte[] wrapped) {
        return master.encryptedByPrimary(wrapped);
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
    public String decrypt(KeyRing dataKey, String workerId, String field, byte[] stored) {
        return stored == null ? null : new String(open(dataKey, stored, aad(workerId, field)), StandardCharsets.UTF_8);
    }

    /** Her new sealing key pair, the private keyset wrapped by the wrapping ring and bound to her. */
    public WorkerSealing.KeyPair newSealingKeyPair(KeyRing wrapping, String workerId) {
        return WorkerSealing.newKeyPair(wrapping, sealingContext(workerId));
    }

    /** Her private sealing keyset, wrapped by {@code from}, wrapped by {@code to} instead. */
    public byte[] rewrapSealingKeyset(KeyRing from, KeyRing to, String workerId, byte[] wrappedPrivateKeyset) {
        return WorkerSealing.rewrap(from, to, sealingContext(workerId), wrappedPrivateKeyset);
    }

    /**
     * Opens what a service sealed to her public keyset.
     *
     * @throws CryptoException if it was not sealed to her key pair with this associated data
     */
    public byte[] openSealed(KeyRing wrapping, String workerId, byte[] wrappedPrivateKeyset, byte[] sealed,
            byte[] associatedData) {
        return WorkerSealing.open(wrapping, sealingContext(workerId), wrappedPrivateKeyset, sealed, associatedData);
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
