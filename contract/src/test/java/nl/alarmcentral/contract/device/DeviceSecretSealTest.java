package nl.alarmcentral.contract.device;

import static org.assertj.core.api.Assertions.assertThat;
import static nl.alarmcentral.contract.crypto.TestKeys.newKey;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The binding key can be rotated: both services read what the old key sealed while they have it. */
class DeviceSecretSealTest {

    @Test
    void aSecretSealedUnderThePreviousBindingKeyStillDecryptsAfterARotation() {
        String oldKey = newKey();
        String sealedBefore = new DeviceSecretSeal(oldKey).encrypt("button-1", "s3cret");

        DeviceSecretSeal rotated = new DeviceSecretSeal(newKey(), List.of(oldKey));
        assertThat(new String(rotated.decrypt("button-1", sealedBefore), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        String sealedAfter = rotated.encrypt("button-1", "s3cret");
        assertThatThrownBy(() -> new DeviceSecretSeal(oldKey).decrypt("button-1", sealedAfter))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
    }
}
