package nl.alarmcentral.alarm.dc09;

import java.util.Optional;

/**
 * The ID tokens the receiver accepts (without the {@code *} that marks an encrypted frame): SIA-DCS
 * and Ademco Contact ID events, and the NULL message transmitters send to show the link is alive.
 * Any other token in a frame that is otherwise correct is answered with {@code DUH}.
 */
public enum Dc09Token {

    /** SIA DC-03 event data, e.g. {@code #1234|Nri1/PA101}. */
    SIA_DCS("SIA-DCS"),
    /** Ademco Contact ID event data, e.g. {@code #1234|1120 01 015}. */
    ADM_CID("ADM-CID"),
    /** A link test (supervision heartbeat): no event. */
    NULL("NULL");

    private final String wire;

    Dc09Token(String wire) {
        this.wire = wire;
    }

    /** The token as it appears between the quotes, without {@code *}. */
    public String wire() {
        return wire;
    }

    /** The token for its wire form (without {@code *}), if the receiver supports it. */
    public static Optional<Dc09Token> fromWire(String text) {
        for (Dc09Token token : values()) {
            if (token.wire.equals(text)) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
