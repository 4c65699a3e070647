package nl.alarmcentral.alarm.dc09;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DC-09's time format, {@code HH:MM:SS,MM-DD-YYYY} in UTC (the standard says GMT), which a frame's
 * timestamp field carries after {@code _} and the {@code H} extended data carries as is.
 */
public final class Dc09Timestamp {

    private static final Pattern BARE = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2}),(\\d{2})-(\\d{2})-(\\d{4})");

    private Dc09Timestamp() {
    }

    /** The timestamp field of a frame: {@code _HH:MM:SS,MM-DD-YYYY}, whole seconds, UTC. */
    public static String field(Instant instant) {
        LocalDateTime time = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        return String.format(Locale.ROOT, "_%02d:%02d:%02d,%02d-%02d-%04d", time.getHour(), time.getMinute(),
                time.getSecond(), time.getMonthValue(), time.getDayOfMonth(), time.getYear());
    }

    /** A timestamp field ({@code _HH:MM:SS,MM-DD-YYYY}); empty if it is not one or not a real time. */
    public static Optional<Instant> parseField(String text) {
        if (text == null || !text.startsWith("_")) {
            return Optional.empty();
        }
        return parse(text.substring(1));
    }

    /** {@code HH:MM:SS,MM-DD-YYYY} without the underscore; empty if it is not one or not a real time. */
    public static Optional<Instant> parse(String text) {
        Matcher m = text == null ? null : BARE.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime time = LocalDateTime.of(Integer.parseInt(m.group(6)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            return Optional.of(time.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
