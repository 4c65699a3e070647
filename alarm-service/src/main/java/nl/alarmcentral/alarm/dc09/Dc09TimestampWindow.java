package nl.alarmcentral.alarm.dc09;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a frame's timestamp may lie from the receiver's clock before the frame is refused with a
 * {@code NAK} (which carries the receiver's time, so the transmitter can correct its clock and send
 * again). For encrypted frames this window is the protection against replayed recordings. Default:
 * from 40 seconds in the past to 20 seconds in the future, as DC-09 receivers commonly use; both ends
 * configurable.
 *
 * @param past   how far behind the receiver's clock a timestamp may be
 * @param future how far ahead of it
 */
public record Dc09TimestampWindow(Duration past, Duration future) {

    /** 40 seconds back, 20 seconds ahead. */
    public static final Dc09TimestampWindow DEFAULT = new Dc09TimestampWindow(Duration.ofSeconds(40),
            Duration.ofSeconds(20));

    public Dc09TimestampWindow {
        Objects.requireNonNull(past, "past");
        Objects.requireNonNull(future, "future");
        if (past.isNegative() || future.isNegative()) {
            throw new IllegalArgumentException("the timestamp window's ends are not negative");
        }
    }

    /** Whether a timestamp lies within {@code [now - past, now + future]}, ends included. */
    public boolean accepts(Instant timestamp, Instant now) {
        return !timestamp.isBefore(now.minus(past)) && !timestamp.isAfter(now.plus(future));
    }

    /**
     * Whether a frame passes: its timestamp lies in the window, or it is an unencrypted frame without
     * one (the standard makes the timestamp optional there; the codec already refuses encrypted
     * frames without it).
     */
    public boolean accepts(Dc09Frame frame, Instant now) {
        return frame.timestamp() == null ? !frame.encrypted() : accepts(frame.timestamp(), now);
    }
}
