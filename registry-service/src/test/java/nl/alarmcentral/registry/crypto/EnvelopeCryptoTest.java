package nl.alarmcentral.registry.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.registry.config.RegistryConfig;

class EnvelopeCryptoTest {

    private static final byte[] ALARM = "alarm-1\u0000alarm-position".getBytes(StandardCharsets.UTF_8);

    private final EnvelopeCrypto crypto = new EnvelopeCrypto(config(new byte[32]));

    @Test
    void aFieldRoundTripsUnderTheWorkersOwnKey() {
        SecretKey key = crypto.unwrap(crypto.master(), "w1", crypto.wrap(crypto.master(), "w1", crypto.newDataKey()));
        byte[] sealed = crypto.encrypt(key, "w1", "workingName", "Roxy");
        assertThat(crypto.decrypt(key, "w1", "workingName", sealed)).isEqualTo("Roxy");
    }

    @Test
    void aCiphertextMovedToAnotherWorkerOrFieldDoesNotDecrypt() {
        SecretKey key = crypto.newDataKey();
        byte[] sealed = crypto.encrypt(key, "w1", "workingName", "Roxy");
        assertThatThrownBy(() -> crypto.decrypt(key, "w2", "workingName", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> crypto.decrypt(key, "w1", "safetyNote", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherWorkersKeyDoesNotDecrypt() {
        byte[] sealed = crypto.encrypt(crypto.newDataKey(), "w1", "workingName", "Roxy");
        assertThatThrownBy(() -> crypto.decrypt(crypto.newDataKey(), "w1", "workingName", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWrappedKeyNeedsTheSameMasterKey() {
        byte[] wrapped = crypto.wrap(crypto.master(), "w1", crypto.newDataKey());
        EnvelopeCrypto other = new EnvelopeCrypto(config(otherKey()));
        assertThatThrownBy(() -> other.unwrap(other.master(), "w1", wrapped)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyWrappedBeforeARotationOfTheMasterKeyStillUnwrapsAndNewOnesUseTheNewMaster() {
        SecretKey dataKey = crypto.newDataKey();
        byte[] before = crypto.wrap(crypto.master(), "w1", dataKey);
        byte[] newMaster = otherKey();
        EnvelopeCrypto rotated = new EnvelopeCrypto(config(newMaster, Base64.getEncoder().encodeToString(new byte[32])));

        assertThat(rotated.unwrap(rotated.master(), "w1", before).getEncoded()).isEqualTo(dataKey.getEncoded());
        assertThat(rotated.masterKeyId()).isNotEqualTo(crypto.masterKeyId());
        byte[] after = rotated.wrap(rotated.master(), "w1", dataKey);
        assertThatThrownBy(() -> crypto.unwrap(crypto.master(), "w1", after)).isInstanceOf(IllegalStateException.class);
        EnvelopeCrypto onlyNew = new EnvelopeCrypto(config(newMaster));
        assertThat(onlyNew.unwrap(onlyNew.master(), "w1", after).getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    @Test
    void rowsWrittenBeforeTinkAreStillRead() throws Exception {
        // The format of before: version byte 1, 12-byte IV, AES-GCM ciphertext and tag; AAD worker and field.
        SecretKey dataKey = crypto.newDataKey();
        byte[] wrapped = before(new SecretKeySpec(new byte[32], "AES"), dataKey.getEncoded(), "w1\u0000data-key");
        byte[] name = before(dataKey, "Roxy".getBytes(StandardCharsets.UTF_8), "w1\u0000workingName");

        SecretKey unwrapped = crypto.unwrap(crypto.master(), "w1", wrapped);
        assertThat(crypto.decrypt(unwrapped, "w1", "workingName", name)).isEqualTo("Roxy");
        assertThatThrownBy(() -> crypto.decrypt(unwrapped, "w1", "safetyNote", name)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whatIsSealedToHerPublicKeysetOpensOnlyWithHerWrappedPrivateKeyset() {
        WorkerSealing.KeyPair hers = crypto.newSealingKeyPair(crypto.master(), "w1");
        byte[] sealed = WorkerSealing.seal(hers.publicKeyset(), "52.09,5.12".getBytes(StandardCharsets.UTF_8), ALARM);

        assertThat(new String(crypto.openSealed(crypto.master(), "w1", hers.wrappedPrivateKeyset(), sealed, ALARM), StandardCharsets.UTF_8))
                .isEqualTo("52.09,5.12");
        assertThatThrownBy(() -> crypto.openSealed(crypto.master(), "w2", hers.wrappedPrivateKeyset(), sealed, ALARM))
                .isInstanceOf(CryptoException.class);
        EnvelopeCrypto other = new EnvelopeCrypto(config(otherKey()));
        assertThatThrownBy(() -> other.openSealed(other.master(), "w1", hers.wrappedPrivateKeyset(), sealed, ALARM))
                .isInstanceOf(CryptoException.class);
        WorkerSealing.KeyPair another = crypto.newSealingKeyPair(crypto.master(), "w1");
        assertThatThrownBy(() -> crypto.openSealed(crypto.master(), "w1", another.wrappedPrivateKeyset(), sealed, ALARM))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void aVaultKeyIsBoundToHerAndTellsWhetherTheCurrentMasterKeyWrappedIt() {
        byte[] vaultKey = new byte[32];
        new SecureRandom().nextBytes(vaultKey);
        byte[] stored = crypto.wrapVaultKey("w1", vaultKey);
        assertThat(crypto.unwrapVaultKey("w1", stored)).isEqualTo(vaultKey);
        assertThat(crypto.wrappedByCurrentMasterKey(stored)).isTrue();
        assertThatThrownBy(() -> crypto.unwrapVaultKey("w2", stored)).isInstanceOf(IllegalStateException.class);
        // A data key's wrapping is no vault key's, and the other way round.
        assertThatThrownBy(() -> crypto.unwrap(crypto.master(), "w1", stored)).isInstanceOf(IllegalStateException.class);

        EnvelopeCrypto rotated = new EnvelopeCrypto(config(otherKey(), Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(rotated.unwrapVaultKey("w1", stored)).isEqualTo(vaultKey);
        assertThat(rotated.wrappedByCurrentMasterKey(stored)).isFalse();
    }

    @Test
    void aMasterKeyOfTheWrongLengthIsRefusedAtStartup() {
        assertThatThrownBy(() -> new EnvelopeCrypto(config(new byte[16]))).hasMessageContaining("32 bytes");
    }

    private static byte[] otherKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] before(SecretKey key, byte[] plaintext, String aad) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(1 + iv.length + sealed.length).put((byte) 1).put(iv).put(sealed).array();
    }

    /** A crypto configuration with this master key and these previous ones (also for {@link DirectoryKeyVaultTest}). */
    static RegistryConfig.Crypto config(byte[] masterKey, String... previous) {
        String encoded = Base64.getEncoder().encodeToString(masterKey);
        return new RegistryConfig.Crypto() {
            @Override
            public String masterKey() {
                return encoded;
            }

            @Override
            public Optional<List<String>> previousMasterKeys() {
                return previous.length == 0 ? Optional.empty() : Optional.of(List.of(previous));
            }
        };
    }
}
