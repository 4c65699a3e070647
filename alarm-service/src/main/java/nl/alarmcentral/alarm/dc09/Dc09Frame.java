package nl.alarmcentral.alarm.dc09;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DC-09 frame the receiver read completely: CRC and length right, a supported token, and (for an
 * encrypted frame) decrypted with the account's key. What the frame means is decided elsewhere
 * ({@link Dc09EventParser}, {@link Dc09EventMapping}); this is only what it says.
 *
 * @param header       token, sequence, prefixes and account, as sent
 * @param token        the supported token
 * @param data         what stood between the account's {@code [} and {@code ]} (for an encrypted
 *                     frame: after the pad and its {@code |}), e.g. {@code #1234|1120 01 015}; empty
 *                     for a NULL message
 * @param extendedData the extended data blocks in the order sent
 * @param timestamp    the frame's timestamp (UTC), or null when an unencrypted frame had none (the
 *                     standard makes it optional there; encrypted frames always have one)
 */
public record Dc09Frame(Dc09Header header, Dc09Token token, String data, List<Dc09ExtendedData> extendedData,
        Instant timestamp) {

    public Dc09Frame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(data, "data");
        extendedData = List.copyOf(extendedData);
    }

    /** The account, as sent. */
    public String account() {
        return header.account();
    }

    /** The sequence number, as sent (four digits). */
    public String sequence() {
        return header.sequence();
    }

    /** Whether the frame came encrypted (and its answer must be). */
    public boolean encrypted() {
        return header.encrypted();
    }

    /** The frame's timestamp, if it had one. */
    public Optional<Instant> sentAt() {
        return Optional.ofNullable(timestamp);
    }

    /** The longitude of the first {@code X} block that holds one. */
    public Optional<Double> longitude() {
        return extendedData.stream().map(Dc09ExtendedData::longitude).flatMap(Optional::stream).findFirst();
    }

    /** The latitude of the first {@code Y} block that holds one. */
    public Optional<Double> latitude() {
        return extendedData.stream().map(Dc09ExtendedData::latitude).flatMap(Optional::stream).findFirst();
    }

    /** The event time of the first {@code H} block that holds one. */
    public Optional<Instant> eventTime() {
        return extendedData.stream().map(Dc09ExtendedData::eventTime).flatMap(Optional::stream).findFirst();
    }
}
