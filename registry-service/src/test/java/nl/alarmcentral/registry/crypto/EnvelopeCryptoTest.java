package nl.alarmcentral.registry.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.registry.config.RegistryConfig;

class EnvelopeCryptoTest {

    private final EnvelopeCrypto crypto = new EnvelopeCrypto(config(new byte[32]));

    @Test
    void aFieldRoundTripsUnderTheWorkersOwnKey() {
        SecretKey key = crypto.unwrap("w1", crypto.wrap("w1", crypto.newDataKey()));
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
        byte[] wrapped = crypto.wrap("w1", crypto.newDataKey());
        byte[] otherMaster = new byte[32];
        otherMaster[0] = 1;
        EnvelopeCrypto other = new EnvelopeCrypto(config(otherMaster));
        assertThatThrownBy(() -> other.unwrap("w1", wrapped)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMasterKeyOfTheWrongLengthIsRefusedAtStartup() {
        assertThatThrownBy(() -> new EnvelopeCrypto(config(new byte[16]))).hasMessageContaining("32 bytes");
    }

    private static RegistryConfig.Crypto config(byte[] masterKey) {
        String encoded = Base64.getEncoder().encodeToString(masterKey);
        return new RegistryConfig.Crypto() {
            @Override
            public String masterKey() {
                return encoded;
            }

            @Override
            public String masterKeyId() {
                return "test";
            }
        };
    }
}
