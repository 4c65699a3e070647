package nl.alarmcentral.alarm.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    /** The documented format, produced here with plain JCE: what registry-service will send. */
    @Test
    void decryptsTheDocumentedFormat() throws Exception {
        byte[] iv = new byte[12];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = (byte) i;
        }
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, iv));
        aes.updateAAD("button-7".getBytes(StandardCharsets.UTF_8));
        byte[] sealed = aes.doFinal("the-secret".getBytes(StandardCharsets.UTF_8));
        String encrypted = Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());

        assertThat(new String(cipher.decrypt("button-7", encrypted), StandardCharsets.UTF_8)).isEqualTo("the-secret");
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
