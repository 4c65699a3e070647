package nl.alarmcentral.alarm.dc09;

import java.util.Objects;

/**
 * What the codec made of the bytes of one frame. The status decides the answer
 * ({@link Dc09Answers#decide}); the header, when it could be read, is what an answer repeats; the
 * reason is for the log and holds no payload and no key.
 *
 * @param status what happened
 * @param header the frame's header, or null when the frame was not read that far (bad CRC or length,
 *               or malformed before the account)
 * @param frame  the frame, only for {@link Status#OK}
 * @param reason a short technical explanation, never containing payload or key material
 */
public record Dc09ParseResult(Status status, Dc09Header header, Dc09Frame frame, String reason) {

    /** The outcomes the receiver tells apart, because each is answered differently. */
    public enum Status {
        /** Read completely; answered {@code ACK} (or {@code NAK} if its timestamp is outside the window). */
        OK,
        /** The CRC does not match: no answer (the transmitter retries). */
        BAD_CRC,
        /** The length field does not match: no answer. */
        BAD_LENGTH,
        /** Not a DC-09 frame as the standard describes it: no answer. */
        MALFORMED,
        /** Encrypted, but there is no key for the account, or it does not decrypt to a DC-09 message: {@code NAK}. */
        UNDECRYPTABLE,
        /** A correct frame with a token the receiver does not support: {@code DUH}. */
        UNSUPPORTED
    }

    public Dc09ParseResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if ((status == Status.OK) != (frame != null)) {
            throw new IllegalArgumentException("a frame comes with OK, and only with OK");
        }
    }

    static Dc09ParseResult ok(Dc09Frame frame) {
        return new Dc09ParseResult(Status.OK, frame.header(), frame, "ok");
    }

    static Dc09ParseResult failed(Status status, Dc09Header header, String reason) {
        return new Dc09ParseResult(status, header, null, reason);
    }
}
