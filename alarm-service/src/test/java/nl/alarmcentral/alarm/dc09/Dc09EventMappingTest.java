package nl.alarmcentral.alarm.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 16's table of what the central does with each event, row by row. */
class Dc09EventMappingTest {

    private static Dc09Decision decide(Dc09Token token, String payload) {
        Dc09Header header = new Dc09Header(token.wire(), false, "0001", null, null, "1234");
        Dc09Frame frame = new Dc09Frame(header, token, "#1234|" + payload, List.of(), null);
        List<Dc09Event> events = Dc09EventParser.parse(frame);
        assertThat(events).hasSize(1);
        return Dc09EventMapping.decide(events.get(0));
    }

    /** The rows of a table whose payload maps to another action than the table says, as text. */
    private static List<String> rowsThatDiffer(Dc09Token token, Map<String, Dc09Action> table) {
        List<String> wrong = new ArrayList<>();
        table.forEach((payload, expected) -> {
            Dc09Action actual = decide(token, payload).action();
            if (actual != expected) {
                wrong.add(payload + " -> " + actual + ", expected " + expected);
            }
        });
        return wrong;
    }

    @Test
    void contactIdCodesMapAsTheIssueSays() {
        Map<String, Dc09Action> table = new LinkedHashMap<>();
        table.put("1120 01 015", Dc09Action.PANIC);
        table.put("1121 01 015", Dc09Action.DURESS);
        table.put("1122 01 015", Dc09Action.SILENT_PANIC);
        table.put("1123 01 015", Dc09Action.AUDIBLE_PANIC);
        table.put("1100 01 015", Dc09Action.PERSONAL_EMERGENCY);
        table.put("1101 01 015", Dc09Action.PERSONAL_EMERGENCY);
        table.put("1110 01 015", Dc09Action.OTHER_ALARM);
        table.put("1137 01 015", Dc09Action.OTHER_ALARM);
        table.put("1199 01 015", Dc09Action.OTHER_ALARM);
        table.put("1602 00 000", Dc09Action.SUPERVISION);
        table.put("1302 00 000", Dc09Action.LOW_BATTERY);
        table.put("1384 00 007", Dc09Action.LOW_BATTERY);
        table.put("3302 00 000", Dc09Action.RESTORE);
        table.put("3384 00 007", Dc09Action.RESTORE);
        table.put("3120 01 015", Dc09Action.RESTORE);
        table.put("6120 01 015", Dc09Action.PANIC);
        table.put("1401 01 003", Dc09Action.UNKNOWN);
        table.put("1570 01 009", Dc09Action.UNKNOWN);

        assertThat(rowsThatDiffer(Dc09Token.ADM_CID, table)).isEmpty();
    }

    @Test
    void siaCodesMapAsTheIssueSays() {
        Map<String, Dc09Action> table = new LinkedHashMap<>();
        table.put("Nri1/PA101", Dc09Action.PANIC);
        table.put("Nri1/HA101", Dc09Action.DURESS);
        table.put("Nri1/MA101", Dc09Action.MEDICAL);
        table.put("Nri0/RP0000", Dc09Action.SUPERVISION);
        table.put("NYT", Dc09Action.LOW_BATTERY);
        table.put("NYR", Dc09Action.RESTORE);
        table.put("Nri1/PR101", Dc09Action.RESTORE);
        table.put("Nri1/HR101", Dc09Action.RESTORE);
        table.put("Nri1/MR101", Dc09Action.RESTORE);
        table.put("Nri1/BA01", Dc09Action.UNKNOWN);

        assertThat(rowsThatDiffer(Dc09Token.SIA_DCS, table)).isEmpty();
    }

    @Test
    void aNullMessageIsSupervision() {
        Dc09Header header = new Dc09Header("NULL", false, "0000", null, null, "1234");
        Dc09Event event = Dc09EventParser.parse(new Dc09Frame(header, Dc09Token.NULL, "", List.of(), null)).get(0);
        assertThat(Dc09EventMapping.decide(event).action()).isEqualTo(Dc09Action.SUPERVISION);
    }

    @Test
    void alarmsShowTheCodesMeaning() {
        assertThat(decide(Dc09Token.ADM_CID, "1120 01 015"))
                .isEqualTo(new Dc09Decision(Dc09Action.PANIC, "120", "Panic"));
        assertThat(decide(Dc09Token.ADM_CID, "1110 01 015"))
                .isEqualTo(new Dc09Decision(Dc09Action.OTHER_ALARM, "110", "Fire"));
        assertThat(decide(Dc09Token.ADM_CID, "1199 01 015").meaning()).isEqualTo("Alarm 199");
        assertThat(decide(Dc09Token.ADM_CID, "3120 01 015").meaning()).isEqualTo("Panic restore");
        assertThat(decide(Dc09Token.SIA_DCS, "Nri1/HA101").meaning()).isEqualTo("Hold-up (duress)");
    }

    @Test
    void unknownAndUnreadableEventsAreKeptWithTheirCode() {
        assertThat(decide(Dc09Token.ADM_CID, "1401 01 003"))
                .isEqualTo(new Dc09Decision(Dc09Action.UNKNOWN, "401", "Event 401"));
        assertThat(decide(Dc09Token.SIA_DCS, "Nri1/BA01"))
                .isEqualTo(new Dc09Decision(Dc09Action.UNKNOWN, "BA", "Event BA"));
        assertThat(decide(Dc09Token.ADM_CID, "garbage").action()).isEqualTo(Dc09Action.UNKNOWN);
    }

    @Test
    void onlyAlarmsRaiseAnAlarm() {
        assertThat(Dc09Action.PANIC.raisesAlarm()).isTrue();
        assertThat(Dc09Action.OTHER_ALARM.raisesAlarm()).isTrue();
        assertThat(Dc09Action.SUPERVISION.raisesAlarm()).isFalse();
        assertThat(Dc09Action.LOW_BATTERY.raisesAlarm()).isFalse();
        assertThat(Dc09Action.RESTORE.raisesAlarm()).isFalse();
        assertThat(Dc09Action.UNKNOWN.raisesAlarm()).isFalse();
    }
}
