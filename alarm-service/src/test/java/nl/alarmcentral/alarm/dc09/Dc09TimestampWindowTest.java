package nl.alarmcentral.alarm.dc09;

import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class Dc09TimestampWindowTest {

    private final Dc09TimestampWindow window = Dc09TimestampWindow.DEFAULT;

    @Test
    void byDefaultAcceptsFrom40SecondsBackTo20SecondsAhead() {
        assertThat(window.accepts(NOW, NOW)).isTrue();
        assertThat(window.accepts(NOW.minusSeconds(40), NOW)).isTrue();
        assertThat(window.accepts(NOW.plusSeconds(20), NOW)).isTrue();
    }

    @Test
    void refusesStaleAndFutureTimestamps() {
        assertThat(window.accepts(NOW.minusSeconds(41), NOW)).as("stale").isFalse();
        assertThat(window.accepts(NOW.minus(Duration.ofHours(1)), NOW)).as("an old recording").isFalse();
        assertThat(window.accepts(NOW.plusSeconds(21), NOW)).as("from the future").isFalse();
    }

    @Test
    void bothEndsAreConfigurable() {
        Dc09TimestampWindow wide = new Dc09TimestampWindow(Duration.ofMinutes(5), Duration.ZERO);
        assertThat(wide.accepts(NOW.minusSeconds(300), NOW)).isTrue();
        assertThat(wide.accepts(NOW.minusSeconds(301), NOW)).isFalse();
        assertThat(wide.accepts(NOW.plusSeconds(1), NOW)).isFalse();
        assertThatThrownBy(() -> new Dc09TimestampWindow(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnencryptedFrameWithoutTimestampPassesAnEncryptedOneNever() {
        Dc09Header plain = new Dc09Header("NULL", false, "0000", null, null, "1234");
        Dc09Header encrypted = new Dc09Header("NULL", true, "0000", null, null, "1234");
        assertThat(window.accepts(new Dc09Frame(plain, Dc09Token.NULL, "", List.of(), null), NOW)).isTrue();
        assertThat(window.accepts(new Dc09Frame(encrypted, Dc09Token.NULL, "", List.of(), null), NOW)).isFalse();
        assertThat(window.accepts(new Dc09Frame(plain, Dc09Token.NULL, "", List.of(), NOW.minusSeconds(60)), NOW))
                .isFalse();
    }
}
