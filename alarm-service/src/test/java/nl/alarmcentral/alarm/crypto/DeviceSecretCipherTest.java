package nl.alarmcentral.alarm.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class DeviceSecretCipherTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String BASE64_KEY = Base64.getEncoder().encodeToString(KEY);

    private final DeviceSecretCipher cipher = new DeviceSecretCipher(BASE64_KEY);

    @Test
    void aSecretRoundTripsForItsDevice() {
        String encrypted = cipher.encrypt("button-1", "s3cret-ü");
        assertThat(new String(cipher.decrypt("button-1", encrypted), StandardCharsets.UTF_8)).isEqualTo("s3cret-ü");
        assertThat(encrypted).doesNotContain("s3cret");
    }

    @Test
    void everyEncryptionUsesAFreshIv() {
        assertThat(cipher.encrypt("button-1", "s3cret")).isNotEqualTo(cipher.encrypt("button-1", "s3cret"));
    }

    /**
     * The documented format (docs/devices.md), produced here with plain JCE as a tool would: Tink's
     * prefix (0x01 and the key id, the first four bytes of SHA-256 of a fixed label and the key),
     * then IV, ciphertext and tag.
     */
    @Test
    void decryptsTheDocumentedFormat() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("alarmcentral key id\u0000".getBytes(StandardCharsets.UTF_8));
        byte[] keyId = Arrays.copyOf(sha256.digest(KEY), 4);
        byte[] sealed = jceSeal("button-7", "the-secret");
        String encrypted = Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(5 + sealed.length).put((byte) 1).put(keyId).put(sealed).array());

        assertThat(new String(cipher.decrypt("button-7", encrypted), StandardCharsets.UTF_8)).isEqualTo("the-secret");
        byte[] ours = Base64.getDecoder().decode(cipher.encrypt("button-7", "the-secret"));
        assertThat(Arrays.copyOf(ours, 5)).as("what registry-service sends starts the same way")
                .isEqualTo(ByteBuffer.allocate(5).put((byte) 1).put(keyId).array());
    }

    /** Bindings sealed before the crypto module (iv, ciphertext, tag; no prefix) still decrypt. */
    @Test
    void decryptsTheFormatOfBeforeTheCryptoModule() throws Exception {
        String encrypted = Base64.getEncoder().encodeToString(jceSeal("button-7", "the-secret"));
        assertThat(new String(cipher.decrypt("button-7", encrypted), StandardCharsets.UTF_8)).isEqualTo("the-secret");
    }

    /** iv || AES-256-GCM(secret, AAD device id) with plain JCE. */
    private static byte[] jceSeal(String deviceId, String secret) throws Exception {
        byte[] iv = new byte[12];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) i;
        }
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, iv));
        aes.updateAAD(deviceId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = aes.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array();
    }

    @Test
    void aSecretCopiedToAnotherDeviceDoesNotDecrypt() {
        String encrypted = cipher.encrypt("button-1", "s3cret");
        assertThatThrownBy(() -> cipher.decrypt("button-2", encrypted)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherKeyDoesNotDecrypt() {
        String encrypted = cipher.encrypt("button-1", "s3cret");
        DeviceSecretCipher other = new DeviceSecretCipher(Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> other.decrypt("button-1", encrypted)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedOrTruncatedValueDoesNotDecrypt() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("button-1", "s3cret"));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt("button-1", Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("button-1", "AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("button-1", "not base64!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAtStartup() {
        assertThatThrownBy(() -> new DeviceSecretCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new DeviceSecretCipher("%%%")).hasMessageContaining("not base64");
    }
}
