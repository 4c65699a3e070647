package nl.alarmcentral.alarm.dc09;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.alarmcentral.alarm.dc09.Dc09ParseResult.Status;

/**
 * Reads and writes the DC-09 frame: the one place that knows its layout (ANSI/SIA DC-09, "Internet
 * Protocol Event Reporting"):
 *
 * <pre>
 * &lt;LF&gt; CRC LLLL "ID" SSSS [Rrrr] [Llll] #acct [data] [Xext]... [_HH:MM:SS,MM-DD-YYYY] &lt;CR&gt;
 * </pre>
 *
 * CRC: four hex digits of CRC-16/ARC ({@link Dc09Crc}); LLLL: {@code 0} and three hex digits, the
 * length; both over everything from the first {@code "} to the end of the timestamp. The ID token is
 * {@code SIA-DCS}, {@code ADM-CID} or {@code NULL}, with {@code *} in front when encrypted; the
 * sequence four decimal digits; receiver and line prefixes 1-6 hex digits; the account 3-16 hex
 * digits. Hex is accepted in either case. In an encrypted frame everything after the account's
 * {@code [} up to {@code <CR>} is hex ciphertext ({@link Dc09Cipher}) of
 * {@code pad|data]} + extended data + timestamp, and the timestamp is required.
 *
 * <p>Parsing is a pure function of the bytes and the account keys: no clock (the timestamp window is
 * {@link Dc09TimestampWindow}), no I/O. One call reads one frame, {@code <LF>} to {@code <CR>}
 * included; finding frames in a TCP stream is the listener's job.
 */
public final class Dc09Codec {

    /** The largest length the 4-character field can state ({@code 0FFF}). */
    public static final int MAX_BODY_LENGTH = 0xFFF;

    private static final byte LF = 0x0A;
    private static final byte CR = 0x0D;
    /** LF, CRC, length and CR: anything shorter cannot even be checked. */
    private static final int MIN_FRAME = 1 + 4 + 4 + 1;

    private static final Pattern CRC_FIELD = Pattern.compile("[0-9A-Fa-f]{4}");
    private static final Pattern LENGTH_FIELD = Pattern.compile("0[0-9A-Fa-f]{3}");
    private static final Pattern HEADER = Pattern.compile(
            "\"(\\*?)([A-Z][A-Z0-9-]*)\"([0-9]{4})"
                    + "(?:R([0-9A-Fa-f]{1,6}))?(?:L([0-9A-Fa-f]{1,6}))?#([0-9A-Fa-f]{3,16})\\[");

    private Dc09Codec() {
    }

    /**
     * Reads one frame.
     *
     * @param message the bytes from {@code <LF>} through {@code <CR>}
     * @param keys    the account keys, asked only for an encrypted frame
     */
    public static Dc09ParseResult parse(byte[] message, Dc09Keys keys) {
        if (message == null || message.length < MIN_FRAME) {
            return Dc09ParseResult.failed(Status.MALFORMED, null, "too short for a frame");
        }
        if (message[0] != LF || message[message.length - 1] != CR) {
            return Dc09ParseResult.failed(Status.MALFORMED, null, "not framed by LF and CR");
        }
        String crcField = ascii(message, 1, 5);
        String lengthField = ascii(message, 5, 9);
        if (!CRC_FIELD.matcher(crcField).matches()) {
            return Dc09ParseResult.failed(Status.MALFORMED, null, "CRC field is not 4 hex digits");
        }
        if (!LENGTH_FIELD.matcher(lengthField).matches()) {
            return Dc09ParseResult.failed(Status.MALFORMED, null, "length field is not 0 and 3 hex digits");
        }
        int bodyFrom = 9;
        int bodyTo = message.length - 1;
        if (Integer.parseInt(lengthField, 16) != bodyTo - bodyFrom) {
            return Dc09ParseResult.failed(Status.BAD_LENGTH, null, "length field does not match the frame");
        }
        if (Integer.parseInt(crcField, 16) != Dc09Crc.of(message, bodyFrom, bodyTo)) {
            return Dc09ParseResult.failed(Status.BAD_CRC, null, "CRC does not match the frame");
        }

        String body = ascii(message, bodyFrom, bodyTo);
        Matcher m = HEADER.matcher(body);
        if (!m.lookingAt()) {
            return Dc09ParseResult.failed(Status.MALFORMED, null,
                    "no token, sequence and account in the header");
        }
        Dc09Header header = new Dc09Header(m.group(2), !m.group(1).isEmpty(), m.group(3), m.group(4), m.group(5),
                m.group(6));
        Optional<Dc09Token> token = Dc09Token.fromWire(header.token());
        if (token.isEmpty()) {
            return Dc09ParseResult.failed(Status.UNSUPPORTED, header, "token not supported");
        }
        String rest = body.substring(m.end());
        return header.encrypted()
                ? parseEncrypted(header, token.get(), rest, keys)
                : parseContent(header, token.get(), rest, Status.MALFORMED);
    }

    /**
     * Frames a body: {@code <LF>}, its CRC and length, the body, {@code <CR>}.
     *
     * @param body everything from the first {@code "} through the timestamp, ASCII
     * @throws IllegalArgumentException if the body is longer than the length field can state
     */
    public static byte[] frame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("a DC-09 body is at most 4095 bytes");
        }
        String head = "\n" + Dc09Crc.hex(Dc09Crc.of(bytes)) + String.format(Locale.ROOT, "0%03X", bytes.length);
        byte[] frame = new byte[head.length() + bytes.length + 1];
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(headBytes, 0, frame, 0, headBytes.length);
        System.arraycopy(bytes, 0, frame, headBytes.length, bytes.length);
        frame[frame.length - 1] = CR;
        return frame;
    }

    private static Dc09ParseResult parseEncrypted(Dc09Header header, Dc09Token token, String rest, Dc09Keys keys) {
        if (!isHex(rest) || rest.length() % 32 != 0) {
            return Dc09ParseResult.failed(Status.UNDECRYPTABLE, header,
                    "encrypted part is not whole AES blocks in hex");
        }
        Optional<Dc09Key> key = keys.forAccount(header.account().toUpperCase(Locale.ROOT));
        if (key.isEmpty()) {
            return Dc09ParseResult.failed(Status.UNDECRYPTABLE, header, "no key for the account");
        }
        String plaintext = ascii(Dc09Cipher.decrypt(key.get(), HexFormat.of().parseHex(rest)));
        // The pad never holds '|', '[' or ']', so the first '|' ends it.
        int bar = plaintext.indexOf('|');
        if (bar < 0) {
            return Dc09ParseResult.failed(Status.UNDECRYPTABLE, header, "no pad terminator after decryption");
        }
        String pad = plaintext.substring(0, bar);
        if (pad.indexOf('[') >= 0 || pad.indexOf(']') >= 0) {
            return Dc09ParseResult.failed(Status.UNDECRYPTABLE, header, "pad holds a bracket after decryption");
        }
        return parseContent(header, token, plaintext.substring(bar + 1), Status.UNDECRYPTABLE);
    }

    /**
     * Reads {@code data]} + extended data + optional timestamp. A failure is {@code failure}:
     * MALFORMED for a plain frame, UNDECRYPTABLE for an encrypted one (whose plaintext not reading
     * as DC-09 is how a wrong key shows).
     */
    private static Dc09ParseResult parseContent(Dc09Header header, Dc09Token token, String rest, Status failure) {
        if (!printable(rest)) {
            return Dc09ParseResult.failed(failure, header, "content has characters outside printable ASCII");
        }
        int close = rest.indexOf(']');
        if (close < 0) {
            return Dc09ParseResult.failed(failure, header, "data not closed by ]");
        }
        String data = rest.substring(0, close);
        if (data.indexOf('[') >= 0) {
            return Dc09ParseResult.failed(failure, header, "data holds [");
        }
        List<Dc09ExtendedData> extended = new ArrayList<>();
        int at = close + 1;
        while (at < rest.length() && rest.charAt(at) == '[') {
            int end = rest.indexOf(']', at);
            if (end < 0) {
                return Dc09ParseResult.failed(failure, header, "extended data not closed by ]");
            }
            String block = rest.substring(at + 1, end);
            if (block.isEmpty() || block.indexOf('[') >= 0) {
                return Dc09ParseResult.failed(failure, header, "extended data block without identifier");
            }
            extended.add(new Dc09ExtendedData(block.charAt(0), block.substring(1)));
            at = end + 1;
        }
        String tail = rest.substring(at);
        Instant timestamp = null;
        if (!tail.isEmpty()) {
            Optional<Instant> parsed = Dc09Timestamp.parseField(tail);
            if (parsed.isEmpty()) {
                return Dc09ParseResult.failed(failure, header, "timestamp is not _HH:MM:SS,MM-DD-YYYY");
            }
            timestamp = parsed.get();
        } else if (header.encrypted()) {
            return Dc09ParseResult.failed(failure, header, "encrypted frame without timestamp");
        }
        return Dc09ParseResult.ok(new Dc09Frame(header, token, data, extended, timestamp));
    }

    /** Whether the text is one or more hex digits, either case (the account, the key, the ciphertext). */
    static boolean isHex(String text) {
        return !text.isEmpty() && text.chars().allMatch(HexFormat::isHexDigit);
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
