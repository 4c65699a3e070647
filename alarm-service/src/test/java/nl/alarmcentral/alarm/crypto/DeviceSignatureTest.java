package nl.alarmcentral.alarm.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeviceSignatureTest {

    private static final byte[] SECRET = "demo-button-1-secret".getBytes(StandardCharsets.UTF_8);
    private static final String TIMESTAMP = "1767225600";
    private static final byte[] BODY = "{\"eventId\":\"6f1c8e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b\",\"type\":\"SOS\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** The worked example in docs/devices.md, computed there with openssl. */
    private static final String DOCUMENTED = "19d5d52cd0de4de54378819db4e3807f0bed9e72fbfdea385f43a0bf54787403";

    @Test
    void matchesTheWorkedExampleOfTheDocumentation() {
        assertThat(DeviceSignature.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(DOCUMENTED);
        assertThat(DeviceSignature.matches(SECRET, TIMESTAMP, BODY, DOCUMENTED)).isTrue();
    }

    @Test
    void coversTheTimestampTheBodyAndTheSecret() {
        assertThat(DeviceSignature.matches(SECRET, "1767225601", BODY, DOCUMENTED)).isFalse();
        assertThat(DeviceSignature.matches(SECRET, TIMESTAMP, (new String(BODY, StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8), DOCUMENTED)).isFalse();
        assertThat(DeviceSignature.matches("demo-button-2-secret".getBytes(StandardCharsets.UTF_8), TIMESTAMP, BODY,
                DOCUMENTED)).isFalse();
    }

    @Test
    void onlyLowercaseHexOfTheRightLengthIsWellFormed() {
        assertThat(DeviceSignature.isWellFormed(DOCUMENTED)).isTrue();
        assertThat(DeviceSignature.isWellFormed(DOCUMENTED.toUpperCase())).isFalse();
        assertThat(DeviceSignature.isWellFormed(DOCUMENTED.substring(1))).isFalse();
        assertThat(DeviceSignature.isWellFormed(null)).isFalse();
        assertThat(DeviceSignature.matches(SECRET, TIMESTAMP, BODY, DOCUMENTED.toUpperCase())).isFalse();
    }
}
