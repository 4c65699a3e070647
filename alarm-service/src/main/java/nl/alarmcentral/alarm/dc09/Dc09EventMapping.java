package nl.alarmcentral.alarm.dc09;

import java.util.Map;

/**
 * Decides what the central does with an event from a DC-09 transmitter (issue 16's table), as a pure
 * function so the whole table is unit-tested:
 *
 * <ul>
 * <li>Contact ID: 120 panic, 121 duress, 122 silent panic, 123 audible panic, 100/101 personal
 * emergency, any other 1xx an alarm with the code's meaning; 602 periodic test = supervision;
 * 302/384 low battery; qualifier 3 (restore) of any code closes a warning; qualifier 6 (previously
 * reported) is treated as a new report, because a second report of a panic must not be lost (the
 * listener's repeat detection keeps it from raising a second alarm).</li>
 * <li>SIA: PA panic, HA hold-up/duress, MA medical, RP periodic test = supervision, YT low battery;
 * the restorals PR, HR, MR, YR close a warning.</li>
 * <li>A NULL message is supervision.</li>
 * <li>Everything else, and anything unreadable, is {@link Dc09Action#UNKNOWN}, with its code.</li>
 * </ul>
 */
public final class Dc09EventMapping {

    /** Contact ID event codes (SIA DC-05) the central names; 1xx are alarms. */
    private static final Map<String, String> CONTACT_ID = Map.ofEntries(
            Map.entry("100", "Medical"),
            Map.entry("101", "Personal emergency"),
            Map.entry("102", "Fail to report in"),
            Map.entry("110", "Fire"),
            Map.entry("111", "Smoke"),
            Map.entry("112", "Combustion"),
            Map.entry("113", "Water flow"),
            Map.entry("114", "Heat"),
            Map.entry("115", "Pull station"),
            Map.entry("116", "Duct"),
            Map.entry("117", "Flame"),
            Map.entry("118", "Near alarm"),
            Map.entry("120", "Panic"),
            Map.entry("121", "Duress"),
            Map.entry("122", "Silent panic"),
            Map.entry("123", "Audible panic"),
            Map.entry("124", "Duress, access granted"),
            Map.entry("125", "Duress, egress granted"),
            Map.entry("130", "Burglary"),
            Map.entry("131", "Perimeter"),
            Map.entry("132", "Interior"),
            Map.entry("133", "24 hour (safe)"),
            Map.entry("134", "Entry/exit"),
            Map.entry("135", "Day/night"),
            Map.entry("136", "Outdoor"),
            Map.entry("137", "Tamper"),
            Map.entry("138", "Near alarm"),
            Map.entry("139", "Intrusion verifier"),
            Map.entry("140", "General alarm"),
            Map.entry("150", "24 hour non-burglary"),
            Map.entry("151", "Gas detected"),
            Map.entry("154", "Water leakage"),
            Map.entry("158", "High temperature"),
            Map.entry("159", "Low temperature"),
            Map.entry("162", "Carbon monoxide"),
            Map.entry("302", "Low system battery"),
            Map.entry("384", "RF low battery"),
            Map.entry("602", "Periodic test report"));

    /** SIA event codes (SIA DC-03) the central names. */
    private static final Map<String, String> SIA = Map.of(
            "PA", "Panic",
            "HA", "Hold-up (duress)",
            "MA", "Medical",
            "RP", "Periodic test",
            "YT", "Battery trouble",
            "PR", "Panic restoral",
            "HR", "Hold-up restoral",
            "MR", "Medical restoral",
            "YR", "Battery restoral");

    private Dc09EventMapping() {
    }

    /** What the central does with an event. */
    public static Dc09Decision decide(Dc09Event event) {
        return switch (event.format()) {
            case LINK_TEST -> new Dc09Decision(Dc09Action.SUPERVISION, null, "Link test");
            case UNREADABLE -> new Dc09Decision(Dc09Action.UNKNOWN, null, "Unreadable event");
            case CONTACT_ID -> contactId(event);
            case SIA -> sia(event);
        };
    }

    private static Dc09Decision contactId(Dc09Event event) {
        String code = event.code();
        String meaning = CONTACT_ID.getOrDefault(code, code.startsWith("1") ? "Alarm " + code : "Event " + code);
        if (event.qualifier() == Dc09Event.Qualifier.RESTORE) {
            return new Dc09Decision(Dc09Action.RESTORE, code, meaning + " restore");
        }
        Dc09Action action = switch (code) {
            case "120" -> Dc09Action.PANIC;
            case "121" -> Dc09Action.DURESS;
            case "122" -> Dc09Action.SILENT_PANIC;
            case "123" -> Dc09Action.AUDIBLE_PANIC;
            case "100", "101" -> Dc09Action.PERSONAL_EMERGENCY;
            case "602" -> Dc09Action.SUPERVISION;
            case "302", "384" -> Dc09Action.LOW_BATTERY;
            default -> code.startsWith("1") ? Dc09Action.OTHER_ALARM : Dc09Action.UNKNOWN;
        };
        return new Dc09Decision(action, code, meaning);
    }

    private static Dc09Decision sia(Dc09Event event) {
        String code = event.code();
        Dc09Action action = switch (code) {
            case "PA" -> Dc09Action.PANIC;
            case "HA" -> Dc09Action.DURESS;
            case "MA" -> Dc09Action.MEDICAL;
            case "RP" -> Dc09Action.SUPERVISION;
            case "YT" -> Dc09Action.LOW_BATTERY;
            case "PR", "HR", "MR", "YR" -> Dc09Action.RESTORE;
            default -> Dc09Action.UNKNOWN;
        };
        return new Dc09Decision(action, code, SIA.getOrDefault(code, "Event " + code));
    }
}
