package nl.alarmcentral.contract.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static nl.alarmcentral.contract.crypto.TestKeys.newKey;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class KeyRingTest {

    private static final byte[] AAD = "worker-1\u0000note".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TEXT = "back door, code 4711".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSingleConfiguredKeyIsAOneKeyRingThatRoundTrips() {
        KeyRing ring = KeyRing.of("test.key", newKey());
        byte[] ciphertext = ring.encrypt(TEXT, AAD);
        assertThat(ring.decrypt(ciphertext, AAD)).isEqualTo(TEXT);
        // Tink's prefix: the output prefix byte, then the id of the key that encrypted.
        assertThat(ciphertext[0]).isEqualTo((byte) 1);
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(ciphertext, 1, 5))).isEqualTo(ring.primaryKeyId());
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("4711");
    }

    @Test
    void aCiphertextTellsWhetherThePrimaryKeyEncryptedIt() {
        String old = newKey();
        byte[] underOld = KeyRing.of("test.key", old).encrypt(TEXT, AAD);
        KeyRing rotated = KeyRing.of("test.key", newKey(), List.of(old));
        assertThat(rotated.encryptedByPrimary(rotated.encrypt(TEXT, AAD))).isTrue();
        assertThat(rotated.encryptedByPrimary(underOld)).as("an earlier key of the ring").isFalse();
        assertThat(rotated.encryptedByPrimary(new byte[3])).isFalse();
    }

    @Test
    void theSameKeyHasTheSameIdInEveryRing() {
        String key = newKey();
        KeyRing one = KeyRing.of("a", key);
        KeyRing other = KeyRing.of("b", key, List.of(newKey()));
        assertThat(one.primaryKeyId()).isEqualTo(other.primaryKeyId());
        assertThat(other.decrypt(one.encrypt(TEXT, AAD), AAD)).isEqualTo(TEXT);
    }

    @Test
    void otherAssociatedDataDoesNotDecrypt() {
        KeyRing ring = KeyRing.of("test.key", newKey());
        byte[] ciphertext = ring.encrypt(TEXT, AAD);
        assertThatThrownBy(() -> ring.decrypt(ciphertext, "worker-2\u0000note".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CryptoException.class)
                .hasMessageNotContaining("4711");
    }

    @Test
    void anotherKeyDoesNotDecrypt() {
        byte[] ciphertext = KeyRing.of("test.key", newKey()).encrypt(TEXT, AAD);
        assertThatThrownBy(() -> KeyRing.of("test.key", newKey()).decrypt(ciphertext, AAD)).isInstanceOf(CryptoException.class);
    }

    @Test
    void changedBytesDoNotDecrypt() {
        KeyRing ring = KeyRing.of("test.key", newKey());
        byte[] ciphertext = ring.encrypt(TEXT, AAD);
        ciphertext[ciphertext.length - 1] ^= 1;
        assertThatThrownBy(() -> ring.decrypt(ciphertext, AAD)).isInstanceOf(CryptoException.class);
    }

    @Test
    void rotationKeepsOldCiphertextReadableAndEncryptsWithTheNewPrimary() {
        String oldKey = newKey();
        KeyRing before = KeyRing.of("test.key", oldKey);
        byte[] old = before.encrypt(TEXT, AAD);

        KeyRing after = KeyRing.of("test.key", newKey(), List.of(oldKey));
        assertThat(after.decrypt(old, AAD)).isEqualTo(TEXT);
        byte[] fresh = after.encrypt(TEXT, AAD);
        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(fresh, 1, 5))).isEqualTo(after.primaryKeyId());
        // The old ring cannot read what the new primary wrote: it really is another key.
        assertThatThrownBy(() -> before.decrypt(fresh, AAD)).isInstanceOf(CryptoException.class);
        // Dropping the old key ends its ciphertexts.
        assertThatThrownBy(() -> KeyRing.of("test.key", newKey()).decrypt(old, AAD)).isInstanceOf(CryptoException.class);
    }

    @Test
    void badKeysAreRefusedAtStartNamingThePropertyOnly() {
        assertThatThrownBy(() -> KeyRing.of("registry.crypto.master-key", "not base64!"))
                .isInstanceOf(IllegalStateException.class).hasMessage("registry.crypto.master-key is not base64");
        assertThatThrownBy(() -> KeyRing.of("registry.crypto.master-key", Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must be 32 bytes");
        String key = newKey();
        assertThatThrownBy(() -> KeyRing.of("k", key, List.of(key)))
                .isInstanceOf(IllegalStateException.class).hasMessage("k lists the same key twice");
    }

    @Test
    void theFormatOfBeforeTinkStillDecryptsUnderTheSameKey() throws Exception {
        String key = newKey();
        // What the hand-written AES-GCM wrote: 12-byte IV, then ciphertext and 128-bit tag.
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(key), "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(AAD);
        byte[] sealed = cipher.doFinal(TEXT);
        byte[] old = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();

        assertThat(KeyRing.of("k", key).decrypt(old, AAD)).isEqualTo(TEXT);
        assertThat(KeyRing.of("k", newKey(), List.of(key)).decrypt(old, AAD)).isEqualTo(TEXT);
        assertThat(KeyRing.ofKeyBytes(Base64.getDecoder().decode(key)).decrypt(old, AAD)).isEqualTo(TEXT);
        assertThatThrownBy(() -> KeyRing.of("k", key).decrypt(old, TEXT)).isInstanceOf(CryptoException.class);
    }

    @Test
    void blankPreviousKeysAreIgnored() {
        KeyRing ring = KeyRing.of("k", newKey(), List.of("", " "));
        assertThat(ring.decrypt(ring.encrypt(TEXT, AAD), AAD)).isEqualTo(TEXT);
    }
}
