package nl.alarmcentral.alarm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which PINs are refused as too easy to guess, and which are not. */
class SetPinsRequestTest {

    @Test
    void theFirstPinsAnyoneTriesAreRefusedWithTheReason() {
        for (String same : new String[] { "0000", "1111", "99999", "777777" }) {
            assertThat(SetPinsRequest.guessable(same)).as(same).contains("all digits are the same");
        }
        for (String run : new String[] { "0123", "1234", "6789", "9876", "3210", "012345", "987654", "34567" }) {
            assertThat(SetPinsRequest.guessable(run)).as(run).contains("count up or down");
        }
        for (String pair : new String[] { "1212", "6969", "121212", "2020" }) {
            assertThat(SetPinsRequest.guessable(pair)).as(pair).contains("two digits repeated");
        }
        for (String common : new String[] { "2580", "0852", "1122", "1004", "2000", "5683", "112233" }) {
            assertThat(SetPinsRequest.guessable(common)).as(common).contains("most common PINs");
        }
    }

    @Test
    void ordinaryPinsAreAccepted() {
        for (String ok : new String[] { "4719", "90817", "2468", "13579", "8901", "1235", "958614", "12121" }) {
            assertThat(SetPinsRequest.guessable(ok)).as(ok).isNull();
        }
    }
}
