package nl.alarmcentral.alarm.dc09;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;

/**
 * The receiver's side of the conversation: which answer a frame gets, and its bytes. Each answer is a
 * complete frame ({@code <LF>}, CRC, length, body, {@code <CR>}):
 *
 * <ul>
 * <li>{@code "ACK"SSSS[Rr][Ll]#acct[]}: the frame's own sequence, prefixes and account. For an
 * encrypted frame {@code "*ACK"SSSS[Rr][Ll]#acct[} + the encryption of {@code pad|]} + the receiver's
 * timestamp: the answer is encrypted with the same key, and its timestamp is inside.</li>
 * <li>{@code "NAK"0000R0L0A0[]_HH:MM:SS,MM-DD-YYYY}: fixed routing and the receiver's current time,
 * never encrypted, so that a transmitter with a wrong clock or key learns the time.</li>
 * <li>{@code "DUH"SSSS[Rr][Ll]#acct[]}: unencrypted.</li>
 * </ul>
 *
 * The clock is injected (UTC; DC-09 speaks GMT) so that answers are testable to the byte.
 */
public final class Dc09Answers {

    private final Clock clock;
    private final Random random;

    /** Answers with the given clock and a secure random source for the pad. */
    public Dc09Answers(Clock clock) {
        this(clock, new SecureRandom());
    }

    /** Answers with the given clock and pad source. */
    public Dc09Answers(Clock clock, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Which answer a parsed frame gets: {@code ACK} if it was read and its timestamp is in the window,
     * {@code NAK} if not, or if it could not be decrypted, {@code DUH} for an unsupported token, and
     * none for a bad CRC, a bad length or a malformed frame. (Whether the event is durable before the
     * {@code ACK} leaves is the listener's concern.)
     */
    public static Dc09AnswerKind decide(Dc09ParseResult result, Dc09TimestampWindow window, Instant now) {
        return switch (result.status()) {
            case OK -> window.accepts(result.frame(), now) ? Dc09AnswerKind.ACK : Dc09AnswerKind.NAK;
            case UNDECRYPTABLE -> Dc09AnswerKind.NAK;
            case UNSUPPORTED -> Dc09AnswerKind.DUH;
            case BAD_CRC, BAD_LENGTH, MALFORMED -> Dc09AnswerKind.NONE;
        };
    }

    /**
     * The {@code ACK} of a frame.
     *
     * @param key the account's key; required when the frame was encrypted, ignored otherwise
     */
    public byte[] ack(Dc09Frame frame, Dc09Key key) {
        Dc09Header header = frame.header();
        if (!header.encrypted()) {
            return Dc09Codec.frame("\"ACK\"" + header.routing() + "[]");
        }
        if (key == null) {
            throw new IllegalArgumentException("an encrypted frame is acknowledged with its account's key");
        }
        String encrypted = Dc09Cipher.encryptWithPad(key, "]" + Dc09Timestamp.field(clock.instant()), random);
        return Dc09Codec.frame("\"*ACK\"" + header.routing() + "[" + encrypted);
    }

    /** The {@code NAK}, with the receiver's current time. */
    public byte[] nak() {
        return Dc09Codec.frame("\"NAK\"0000R0L0A0[]" + Dc09Timestamp.field(clock.instant()));
    }

    /** The {@code DUH} for a frame's header. */
    public byte[] duh(Dc09Header header) {
        return Dc09Codec.frame("\"DUH\"" + header.routing() + "[]");
    }
}
