package nl.alarmcentral.alarm.dc09;

import java.util.HexFormat;

/**
 * The AES key of one DC-09 account, as an installer types it into a transmitter: 32, 48 or 64 hex
 * digits (AES-128, -192 or -256). A type of its own so that a key is validated once, and so that
 * {@link #toString()} can never put key material into a log line.
 */
public final class Dc09Key {

    private final byte[] bytes;

    private Dc09Key(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The key given as hex (either case).
     *
     * @throws IllegalArgumentException if it is not 32, 48 or 64 hex digits; the message never
     *                                  repeats the value
     */
    public static Dc09Key fromHex(String hex) {
        String value = hex == null ? "" : hex.strip();
        int length = value.length();
        if ((length != 32 && length != 48 && length != 64) || !Dc09Codec.isHex(value)) {
            throw new IllegalArgumentException("a DC-09 key is 32, 48 or 64 hex digits (AES-128, -192 or -256)");
        }
        return new Dc09Key(HexFormat.of().parseHex(value));
    }

    /** The key size in bits: 128, 192 or 256. */
    public int bits() {
        return bytes.length * 8;
    }

    /** A copy of the raw key, for the cipher. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** Says which AES variant, never the key. */
    @Override
    public String toString() {
        return "Dc09Key[AES-" + bits() + "]";
    }
}
