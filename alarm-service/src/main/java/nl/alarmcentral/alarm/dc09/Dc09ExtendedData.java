package nl.alarmcentral.alarm.dc09;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One extended data block of a frame, {@code [Xvalue]}: an identifier letter and its value. The
 * receiver reads three of them: {@code X} longitude, {@code Y} latitude (decimal degrees) and
 * {@code H} the time of the event; every other block is kept as sent, for the device's timeline and
 * the log, and never interpreted.
 *
 * <p>Degrees are read leniently because transmitters differ: a hemisphere letter before or after the
 * number ({@code E}/{@code W} for longitude, {@code N}/{@code S} for latitude, spaces allowed) or a
 * sign, e.g. {@code [XE4.8952]}, {@code [X E 004.8952]}, {@code [X-4.8952]}, {@code [YN52.3702]}.
 * A value out of range, or not a number, yields no position (the block is still kept).
 *
 * @param id    the identifier letter
 * @param value everything after it up to {@code ]}, as sent
 */
public record Dc09ExtendedData(char id, String value) {

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,3}(\\.\\d+)?");

    public Dc09ExtendedData {
        Objects.requireNonNull(value, "value");
    }

    /** The longitude in decimal degrees (east positive), for an {@code X} block that holds one. */
    public Optional<Double> longitude() {
        return id == 'X' ? degrees(value, 'E', 'W', 180) : Optional.empty();
    }

    /** The latitude in decimal degrees (north positive), for a {@code Y} block that holds one. */
    public Optional<Double> latitude() {
        return id == 'Y' ? degrees(value, 'N', 'S', 90) : Optional.empty();
    }

    /** The time of the event (UTC), for an {@code H} block of the form {@code HH:MM:SS,MM-DD-YYYY}. */
    public Optional<Instant> eventTime() {
        return id == 'H' ? Dc09Timestamp.parse(value.strip()) : Optional.empty();
    }

    private static Optional<Double> degrees(String raw, char positive, char negative, double limit) {
        String text = raw.strip().toUpperCase(Locale.ROOT);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        char hemisphere = 0;
        if (first == positive || first == negative) {
            hemisphere = first;
            text = text.substring(1).strip();
        } else if (last == positive || last == negative) {
            hemisphere = last;
            text = text.substring(0, text.length() - 1).strip();
        }
        if (!NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        if (hemisphere != 0 && (text.startsWith("-") || text.startsWith("+"))) {
            return Optional.empty(); // a letter and a sign: ambiguous
        }
        double degrees = Double.parseDouble(text) * (hemisphere == negative ? -1 : 1);
        return Math.abs(degrees) <= limit ? Optional.of(degrees) : Optional.empty();
    }
}
