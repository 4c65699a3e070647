package nl.alarmcentral.alarm.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class Dc09ExtendedDataTest {

    @Test
    void readsLongitudeWithAHemisphereLetterOrASign() {
        assertThat(new Dc09ExtendedData('X', "E4.8952").longitude()).contains(4.8952);
        assertThat(new Dc09ExtendedData('X', " E 004.8952").longitude()).contains(4.8952);
        assertThat(new Dc09ExtendedData('X', "W73.9857").longitude()).contains(-73.9857);
        assertThat(new Dc09ExtendedData('X', "73.9857W").longitude()).contains(-73.9857);
        assertThat(new Dc09ExtendedData('X', "-73.9857").longitude()).contains(-73.9857);
        assertThat(new Dc09ExtendedData('X', "180").longitude()).contains(180.0);
    }

    @Test
    void readsLatitudeWithAHemisphereLetterOrASign() {
        assertThat(new Dc09ExtendedData('Y', "N52.3702").longitude()).isEmpty();
        assertThat(new Dc09ExtendedData('Y', "N52.3702").latitude()).contains(52.3702);
        assertThat(new Dc09ExtendedData('Y', "s33.8688").latitude()).contains(-33.8688);
        assertThat(new Dc09ExtendedData('Y', "+51.5555").latitude()).contains(51.5555);
    }

    @Test
    void yieldsNoPositionForValuesThatAreNotDegrees() {
        assertThat(new Dc09ExtendedData('X', "E180.5").longitude()).isEmpty();
        assertThat(new Dc09ExtendedData('Y', "N90.01").latitude()).isEmpty();
        assertThat(new Dc09ExtendedData('Y', "N").latitude()).isEmpty();
        assertThat(new Dc09ExtendedData('Y', "").latitude()).isEmpty();
        assertThat(new Dc09ExtendedData('Y', "S-10").latitude()).isEmpty();
        assertThat(new Dc09ExtendedData('Y', "E52.1").latitude()).as("a longitude letter").isEmpty();
        assertThat(new Dc09ExtendedData('X', "4,8952").longitude()).isEmpty();
        assertThat(new Dc09ExtendedData('X', "1e3").longitude()).isEmpty();
    }

    @Test
    void readsTheEventTimeOfAnHBlock() {
        assertThat(new Dc09ExtendedData('H', "08:05:09,01-31-2027").eventTime())
                .contains(Instant.parse("2027-01-31T08:05:09Z"));
        assertThat(new Dc09ExtendedData('H', "08:05:09,02-31-2027").eventTime()).isEmpty();
        assertThat(new Dc09ExtendedData('H', "yesterday").eventTime()).isEmpty();
        assertThat(new Dc09ExtendedData('X', "08:05:09,01-31-2027").eventTime()).isEmpty();
    }
}
