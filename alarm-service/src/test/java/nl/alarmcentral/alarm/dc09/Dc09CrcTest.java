package nl.alarmcentral.alarm.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Dc09CrcTest {

    /** CRC-16/ARC's published check value: the CRC of the ASCII digits 1 to 9 is 0xBB3D. */
    @Test
    void matchesTheCatalogueCheckValue() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Dc09Crc.of(digits)).isEqualTo(0xBB3D);
        assertThat(Dc09TestFrames.crc(digits)).isEqualTo(0xBB3D);
        assertThat(Dc09Crc.hex(0xBB3D)).isEqualTo("BB3D");
        assertThat(Dc09Crc.hex(0x0A)).isEqualTo("000A");
    }

    @Test
    void agreesWithTheTestsOwnImplementationOnAnyBytes() {
        Random random = new Random(16);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            assertThat(Dc09Crc.of(bytes)).as("length %d", bytes.length).isEqualTo(Dc09TestFrames.crc(bytes));
        }
    }

    @Test
    void coversOnlyTheGivenRange() {
        byte[] bytes = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(Dc09Crc.of(bytes, 2, 11)).isEqualTo(0xBB3D);
    }
}
