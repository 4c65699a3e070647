package nl.alarmcentral.alarm.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.alarm.dc09.Dc09Event.Format;
import nl.alarmcentral.alarm.dc09.Dc09Event.Qualifier;

class Dc09EventParserTest {

    private static List<Dc09Event> events(Dc09Token token, String data) {
        Dc09Header header = new Dc09Header(token.wire(), false, "0001", null, null, "1234");
        return Dc09EventParser.parse(new Dc09Frame(header, token, data, List.of(), null));
    }

    @Test
    void readsAContactIdEvent() {
        assertThat(events(Dc09Token.ADM_CID, "#1234|1120 01 015")).containsExactly(
                new Dc09Event(Format.CONTACT_ID, "120", Qualifier.NEW, "01", "015", "1120 01 015"));
    }

    @Test
    void readsContactIdQualifiersAndTheCompactForm() {
        assertThat(events(Dc09Token.ADM_CID, "#1234|3121 02 003").get(0).qualifier()).isEqualTo(Qualifier.RESTORE);
        assertThat(events(Dc09Token.ADM_CID, "#1234|6602 00 000").get(0).qualifier()).isEqualTo(Qualifier.PREVIOUS);
        assertThat(events(Dc09Token.ADM_CID, "#1234|112001015")).containsExactly(
                new Dc09Event(Format.CONTACT_ID, "120", Qualifier.NEW, "01", "015", "112001015"));
        assertThat(events(Dc09Token.ADM_CID, "1384 01 007").get(0).code()).as("without the account").isEqualTo("384");
    }

    @Test
    void keepsAContactIdPayloadItCannotReadAsUnreadable() {
        for (String payload : List.of("9120 01 015", "1120 01", "hello", "")) {
            assertThat(events(Dc09Token.ADM_CID, "#1234|" + payload)).as(payload)
                    .containsExactly(new Dc09Event(Format.UNREADABLE, null, null, null, null, payload));
        }
    }

    @Test
    void readsSiaEventsWithAndWithoutArea() {
        assertThat(events(Dc09Token.SIA_DCS, "#1234|Nri1/PA101")).containsExactly(
                new Dc09Event(Format.SIA, "PA", Qualifier.NEW, "1", "101", "PA101"));
        assertThat(events(Dc09Token.SIA_DCS, "#1234|NHA")).containsExactly(
                new Dc09Event(Format.SIA, "HA", Qualifier.NEW, null, null, "HA"));
        assertThat(events(Dc09Token.SIA_DCS, "#1234|Nri2/ti10:15/YT/ri3/MA12")).containsExactly(
                new Dc09Event(Format.SIA, "YT", Qualifier.NEW, "2", null, "YT"),
                new Dc09Event(Format.SIA, "MA", Qualifier.NEW, "3", "12", "MA12"));
        assertThat(events(Dc09Token.SIA_DCS, "#1234|Nri1PA101")).containsExactly(
                new Dc09Event(Format.SIA, "PA", Qualifier.NEW, "1", "101", "ri1PA101"));
    }

    @Test
    void keepsASiaPayloadItCannotReadAsUnreadable() {
        for (String payload : List.of("PA101", "Nri1/pa101", "Nri1", "N", "N/P/A")) {
            assertThat(events(Dc09Token.SIA_DCS, "#1234|" + payload)).as(payload)
                    .containsExactly(new Dc09Event(Format.UNREADABLE, null, null, null, null, payload));
        }
    }

    @Test
    void aNullMessageIsALinkTest() {
        assertThat(events(Dc09Token.NULL, "")).containsExactly(
                new Dc09Event(Format.LINK_TEST, null, null, null, null, ""));
    }
}
