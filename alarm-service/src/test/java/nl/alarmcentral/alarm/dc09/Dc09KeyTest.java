package nl.alarmcentral.alarm.dc09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Dc09KeyTest {

    @Test
    void acceptsTheThreeAesSizesInEitherCase() {
        assertThat(Dc09Key.fromHex(Dc09TestFrames.KEY_128).bits()).isEqualTo(128);
        assertThat(Dc09Key.fromHex(Dc09TestFrames.KEY_192).bits()).isEqualTo(192);
        assertThat(Dc09Key.fromHex(Dc09TestFrames.KEY_256.toLowerCase()).bits()).isEqualTo(256);
        assertThat(Dc09Key.fromHex(" " + Dc09TestFrames.KEY_128 + " ").bits()).isEqualTo(128);
    }

    @Test
    void refusesOtherLengthsAndNonHexWithoutRepeatingTheValue() {
        String notHex = "G00102030405060708090A0B0C0D0E0F";
        for (String wrong : new String[] { "", "00", Dc09TestFrames.KEY_128 + "00", notHex, null }) {
            assertThatThrownBy(() -> Dc09Key.fromHex(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("0102030405");
        }
    }

    @Test
    void neverShowsTheKey() {
        assertThat(Dc09Key.fromHex(Dc09TestFrames.KEY_256)).hasToString("Dc09Key[AES-256]");
    }
}
