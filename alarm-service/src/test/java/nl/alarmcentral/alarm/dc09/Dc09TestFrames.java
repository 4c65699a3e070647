package nl.alarmcentral.alarm.dc09;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The transmitter's side, written for the tests from the standard's description and independently of
 * the code under test: its own CRC (MSB-first with reflected input and output, where the main code
 * runs the reflected polynomial LSB-first), its own framing and its own AES calls. A frame that both
 * sides agree on is therefore evidence, not an echo.
 */
final class Dc09TestFrames {

    /** The receiver's "now" in the tests. */
    static final Instant NOW = Instant.parse("2026-12-07T22:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** {@link #NOW} as a timestamp field. */
    static final String NOW_FIELD = "_22:30:00,12-07-2026";

    static final String KEY_128 = "000102030405060708090A0B0C0D0E0F";
    static final String KEY_192 = "00112233445566778899aabbccddeeff0011223344556677";
    static final String KEY_256 = "603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4";

    private Dc09TestFrames() {
    }

    /** CRC-16/ARC the long way round: polynomial 0x8005 MSB-first on bit-reversed bytes, result reversed. */
    static int crc(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= reverse8(b & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return reverse16(crc);
    }

    /** {@code <LF>} CRC length body {@code <CR>}, upper-case hex. */
    static byte[] frame(String body) {
        return frame(body, false);
    }

    /** {@code <LF>} CRC length body {@code <CR>}, hex in lower case if asked. */
    static byte[] frame(String body, boolean lowerCase) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        String head = String.format(Locale.ROOT, "%04X0%03X", crc(bytes), bytes.length);
        if (lowerCase) {
            head = head.toLowerCase(Locale.ROOT);
        }
        return ("\n" + head + body + "\r").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The body between the length field and {@code <CR>}, checking the head on the way. */
    static String checkedBody(byte[] frame) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        if (text.charAt(0) != '\n' || text.charAt(text.length() - 1) != '\r') {
            throw new AssertionError("not framed by LF and CR");
        }
        String body = text.substring(9, text.length() - 1);
        int crc = Integer.parseInt(text.substring(1, 5), 16);
        if (crc != crc(body.getBytes(StandardCharsets.ISO_8859_1))) {
            throw new AssertionError("CRC does not match");
        }
        if (text.charAt(5) != '0' || Integer.parseInt(text.substring(5, 9), 16) != body.length()) {
            throw new AssertionError("length does not match");
        }
        return body;
    }

    /**
     * The encrypted part of a frame, as a transmitter makes it: {@code pad + "|" + afterPad}, the pad
     * sized to whole blocks (16 bytes when already whole), AES-CBC with a zero IV, as hex.
     *
     * @param padSeed varies the pad bytes, which include non-printable ones on purpose
     */
    static String encrypt(String keyHex, String afterPad, int padSeed) {
        byte[] content = ("|" + afterPad).getBytes(StandardCharsets.ISO_8859_1);
        int pad = 16 - content.length % 16;
        byte[] plain = new byte[pad + content.length];
        for (int i = 0; i < pad; i++) {
            int value = (padSeed * 31 + i * 57) & 0xFF;
            plain[i] = (byte) (value == '|' || value == '[' || value == ']' ? value + 1 : value);
        }
        System.arraycopy(content, 0, plain, pad, content.length);
        return HexFormat.of().withUpperCase().formatHex(aes(Cipher.ENCRYPT_MODE, keyHex, plain));
    }

    /** Decrypts hex ciphertext to its bytes. */
    static byte[] decrypt(String keyHex, String hex) {
        return aes(Cipher.DECRYPT_MODE, keyHex, HexFormat.of().parseHex(hex));
    }

    private static byte[] aes(int mode, String keyHex, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(mode, new SecretKeySpec(HexFormat.of().parseHex(keyHex), "AES"),
                    new IvParameterSpec(new byte[16]));
            return cipher.doFinal(input);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int reverse8(int value) {
        return Integer.reverse(value) >>> 24;
    }

    private static int reverse16(int value) {
        return Integer.reverse(value) >>> 16;
    }
}
