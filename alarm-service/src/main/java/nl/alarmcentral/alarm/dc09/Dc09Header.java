package nl.alarmcentral.alarm.dc09;

import java.util.Objects;

/**
 * The unencrypted start of a DC-09 frame: ID token, sequence number, optional receiver and line
 * prefixes and the account. It is what an answer must repeat, so it is kept apart from the content:
 * a frame whose content cannot be read (a {@code DUH} or {@code NAK} case) still has a header.
 *
 * @param token     the ID token as sent, without the {@code *} (may be one the receiver does not
 *                  support)
 * @param encrypted whether the token carried {@code *}
 * @param sequence  four decimal digits, as sent
 * @param receiver  the hex digits after {@code R}, as sent, or null when the frame had no receiver
 *                  prefix
 * @param line      the hex digits after {@code L}, as sent, or null when the frame had no line prefix
 * @param account   the 3 to 16 hex digits after {@code #}, as sent
 */
public record Dc09Header(String token, boolean encrypted, String sequence, String receiver, String line,
        String account) {

    public Dc09Header {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(account, "account");
    }

    /**
     * The part an answer repeats after its own token: sequence, receiver and line prefixes (when the
     * frame had them) and {@code #account}.
     */
    public String routing() {
        StringBuilder text = new StringBuilder(sequence);
        if (receiver != null) {
            text.append('R').append(receiver);
        }
        if (line != null) {
            text.append('L').append(line);
        }
        return text.append('#').append(account).toString();
    }
}
