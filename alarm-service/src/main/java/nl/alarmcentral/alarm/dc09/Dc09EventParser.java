package nl.alarmcentral.alarm.dc09;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the events in a frame's data. The data of an event frame repeats the account and then holds
 * the payload: {@code #1234|1120 01 015} (Contact ID: qualifier, event code, group, zone or user) or
 * {@code #1234|Nri1/PA101} (SIA: {@code N} new event, optional {@code ri} area, two-letter code and
 * zone; several events may follow one another, separated by {@code /}). A NULL frame is one link
 * test. A payload that does not read is one {@link Dc09Event.Format#UNREADABLE} event: kept, never
 * dropped.
 */
public final class Dc09EventParser {

    private static final Pattern CONTACT_ID = Pattern.compile(
            "([0-9A-Fa-f])([0-9A-Fa-f]{3}) ?([0-9A-Fa-f]{2}) ?([0-9A-Fa-f]{3})");
    private static final Pattern SIA_EVENT = Pattern.compile("([A-Z]{2})([0-9A-Za-z]*)");
    private static final Pattern SIA_MODIFIER = Pattern.compile("([a-z]{2})([^A-Z]*)(.*)");

    private Dc09EventParser() {
    }

    /** The events of a frame, never empty. */
    public static List<Dc09Event> parse(Dc09Frame frame) {
        String payload = payload(frame.data());
        return switch (frame.token()) {
            case NULL -> List.of(Dc09Event.linkTest());
            case ADM_CID -> List.of(contactId(payload));
            case SIA_DCS -> sia(payload);
        };
    }

    /** The data without its leading {@code #account|}. */
    static String payload(String data) {
        if (data.startsWith("#")) {
            int bar = data.indexOf('|');
            return bar < 0 ? "" : data.substring(bar + 1);
        }
        return data;
    }

    static Dc09Event contactId(String payload) {
        Matcher m = CONTACT_ID.matcher(payload.strip());
        if (!m.matches()) {
            return Dc09Event.unreadable(payload);
        }
        Dc09Event.Qualifier qualifier = switch (m.group(1)) {
            case "1" -> Dc09Event.Qualifier.NEW;
            case "3" -> Dc09Event.Qualifier.RESTORE;
            case "6" -> Dc09Event.Qualifier.PREVIOUS;
            default -> null;
        };
        if (qualifier == null) {
            return Dc09Event.unreadable(payload);
        }
        return new Dc09Event(Dc09Event.Format.CONTACT_ID, m.group(2).toUpperCase(Locale.ROOT), qualifier,
                m.group(3).toUpperCase(Locale.ROOT), m.group(4).toUpperCase(Locale.ROOT), payload);
    }

    static List<Dc09Event> sia(String payload) {
        if (!payload.startsWith("N")) {
            return List.of(Dc09Event.unreadable(payload));
        }
        List<Dc09Event> events = new ArrayList<>();
        String area = null;
        for (String field : payload.substring(1).split("/")) {
            String rest = field;
            // Lower-case modifiers (ri area, id user, ti time, ...) come before the event code.
            Matcher modifier = SIA_MODIFIER.matcher(rest);
            if (modifier.matches()) {
                if (modifier.group(1).equals("ri")) {
                    area = modifier.group(2).isEmpty() ? null : modifier.group(2);
                }
                rest = modifier.group(3);
            }
            if (rest.isEmpty()) {
                continue;
            }
            Matcher event = SIA_EVENT.matcher(rest);
            if (!event.matches()) {
                return List.of(Dc09Event.unreadable(payload));
            }
            String zone = event.group(2).isEmpty() ? null : event.group(2);
            events.add(new Dc09Event(Dc09Event.Format.SIA, event.group(1), Dc09Event.Qualifier.NEW, area, zone,
                    field));
        }
        return events.isEmpty() ? List.of(Dc09Event.unreadable(payload)) : List.copyOf(events);
    }
}
