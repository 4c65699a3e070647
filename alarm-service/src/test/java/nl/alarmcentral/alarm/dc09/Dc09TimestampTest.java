package nl.alarmcentral.alarm.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class Dc09TimestampTest {

    @Test
    void writesUtcWholeSecondsInTheStandardsOrder() {
        assertThat(Dc09Timestamp.field(Instant.parse("2027-01-02T03:04:05.987Z"))).isEqualTo("_03:04:05,01-02-2027");
    }

    @Test
    void readsWhatItWrites() {
        Instant time = Instant.parse("2026-12-31T23:59:59Z");
        assertThat(Dc09Timestamp.parseField(Dc09Timestamp.field(time))).contains(time);
        assertThat(Dc09Timestamp.parse("23:59:59,12-31-2026")).contains(time);
    }

    @Test
    void refusesTimesThatDoNotExist() {
        assertThat(Dc09Timestamp.parseField("_24:00:00,12-31-2026")).isEmpty();
        assertThat(Dc09Timestamp.parseField("_23:59:59,31-12-2026")).isEmpty();
        assertThat(Dc09Timestamp.parseField("23:59:59,12-31-2026")).isEmpty();
        assertThat(Dc09Timestamp.parseField("_23:59:59,12-31-26")).isEmpty();
        assertThat(Dc09Timestamp.parseField(null)).isEmpty();
    }
}
