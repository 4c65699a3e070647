package nl.alarmcentral.alarm.dc09;

import java.util.Locale;

/**
 * The checksum a DC-09 frame carries: CRC-16/ARC (polynomial 0x8005, processed reflected as 0xA001,
 * initial value 0, no final XOR) over the frame's bytes from the first {@code "} through the end of
 * the timestamp. One place, so that the parser and the answers cannot disagree on it.
 */
public final class Dc09Crc {

    private Dc09Crc() {
    }

    /** The CRC of all bytes. */
    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** The CRC of {@code bytes[from, to)}. */
    public static int of(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** The CRC as a frame writes it: four upper-case hex digits. */
    public static String hex(int crc) {
        return String.format(Locale.ROOT, "%04X", crc & 0xFFFF);
    }
}
