package nl.alarmcentral.alarm.dc09;

import java.util.Objects;

/**
 * One event a frame reports, in the few fields the central acts on, whatever the payload format:
 * Contact ID's {@code Q EEE GG ZZZ} or SIA's {@code Nri1/PA101}. An event the receiver cannot read is
 * still an event ({@link Format#UNREADABLE}, with the raw text), so that nothing a transmitter sends
 * is dropped.
 *
 * @param format    which payload it came from
 * @param code      Contact ID's three-digit event code (e.g. {@code 120}) or SIA's two-letter code
 *                  (e.g. {@code PA}); null for a link test or an unreadable payload
 * @param qualifier new event, restore or previously reported; null for a link test or unreadable
 * @param area      Contact ID's group/partition ({@code GG}) or SIA's {@code ri} area; null if none
 * @param zone      Contact ID's zone or user ({@code ZZZ}) or SIA's zone/address; null if none
 * @param raw       the payload text this event was read from (without the account), for the timeline
 */
public record Dc09Event(Format format, String code, Qualifier qualifier, String area, String zone, String raw) {

    /** The payload format an event came from. */
    public enum Format {
        /** Ademco Contact ID ({@code ADM-CID}). */
        CONTACT_ID,
        /** SIA DC-03 ({@code SIA-DCS}). */
        SIA,
        /** A {@code NULL} message: no event, only a sign of life. */
        LINK_TEST,
        /** A payload the receiver could not read; kept as {@link #raw()}. */
        UNREADABLE
    }

    /** Contact ID's event qualifier; SIA events are new events (restores have codes of their own). */
    public enum Qualifier {
        /** Contact ID {@code 1}: a new event or an opening. SIA {@code N}. */
        NEW,
        /** Contact ID {@code 3}: a restore or a closing. */
        RESTORE,
        /** Contact ID {@code 6}: a previously reported condition still present (status report). */
        PREVIOUS
    }

    public Dc09Event {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(raw, "raw");
    }

    static Dc09Event linkTest() {
        return new Dc09Event(Format.LINK_TEST, null, null, null, null, "");
    }

    static Dc09Event unreadable(String raw) {
        return new Dc09Event(Format.UNREADABLE, null, null, null, null, raw);
    }
}
