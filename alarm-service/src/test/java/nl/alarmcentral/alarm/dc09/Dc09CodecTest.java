package nl.alarmcentral.alarm.dc09;

import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.KEY_128;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.KEY_192;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.KEY_256;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.NOW;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.NOW_FIELD;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.encrypt;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.alarm.dc09.Dc09ParseResult.Status;

class Dc09CodecTest {

    private static final Dc09Keys KEYS = Dc09Keys.of(Map.of(
            "1234", Dc09Key.fromHex(KEY_128),
            "5678", Dc09Key.fromHex(KEY_192),
            "ABCDEF", Dc09Key.fromHex(KEY_256)));

    private static Dc09ParseResult parse(byte[] frame) {
        return Dc09Codec.parse(frame, KEYS);
    }

    private static Dc09Frame ok(byte[] frame) {
        Dc09ParseResult result = parse(frame);
        assertThat(result.status()).as(result.reason()).isEqualTo(Status.OK);
        return result.frame();
    }

    // --- plain frames ------------------------------------------------------------------------------

    @Test
    void readsAContactIdFrameWithoutPrefixes() {
        Dc09Frame frame = ok(frame("\"ADM-CID\"0001#1234[#1234|1120 01 015]" + NOW_FIELD));

        assertThat(frame.token()).isEqualTo(Dc09Token.ADM_CID);
        assertThat(frame.encrypted()).isFalse();
        assertThat(frame.sequence()).isEqualTo("0001");
        assertThat(frame.header().receiver()).isNull();
        assertThat(frame.header().line()).isNull();
        assertThat(frame.account()).isEqualTo("1234");
        assertThat(frame.data()).isEqualTo("#1234|1120 01 015");
        assertThat(frame.extendedData()).isEmpty();
        assertThat(frame.timestamp()).isEqualTo(NOW);
    }

    @Test
    void readsReceiverAndLinePrefixes() {
        Dc09Frame both = ok(frame("\"SIA-DCS\"0002R12L5A#1234[#1234|Nri1/PA101]" + NOW_FIELD));
        assertThat(both.header().receiver()).isEqualTo("12");
        assertThat(both.header().line()).isEqualTo("5A");
        assertThat(both.data()).isEqualTo("#1234|Nri1/PA101");

        Dc09Frame receiverOnly = ok(frame("\"SIA-DCS\"0003R0#1234[#1234|NRP0000]" + NOW_FIELD));
        assertThat(receiverOnly.header().receiver()).isEqualTo("0");
        assertThat(receiverOnly.header().line()).isNull();

        Dc09Frame lineOnly = ok(frame("\"SIA-DCS\"0004LABCDEF#1234[#1234|NRP0000]" + NOW_FIELD));
        assertThat(lineOnly.header().receiver()).isNull();
        assertThat(lineOnly.header().line()).isEqualTo("ABCDEF");
    }

    @Test
    void readsAFrameWithoutTimestampWhenUnencrypted() {
        Dc09Frame frame = ok(frame("\"NULL\"0000R0L0#1234[]"));
        assertThat(frame.token()).isEqualTo(Dc09Token.NULL);
        assertThat(frame.data()).isEmpty();
        assertThat(frame.timestamp()).isNull();
        assertThat(frame.sentAt()).isEmpty();
    }

    @Test
    void readsEveryPlainToken() {
        assertThat(ok(frame("\"SIA-DCS\"0010#1234[#1234|NPA1]" + NOW_FIELD)).token()).isEqualTo(Dc09Token.SIA_DCS);
        assertThat(ok(frame("\"ADM-CID\"0011#1234[#1234|1120 01 015]" + NOW_FIELD)).token())
                .isEqualTo(Dc09Token.ADM_CID);
        assertThat(ok(frame("\"NULL\"0012#1234[]" + NOW_FIELD)).token()).isEqualTo(Dc09Token.NULL);
    }

    @Test
    void readsExtendedDataAndKeepsUnknownBlocks() {
        Dc09Frame frame = ok(frame("\"ADM-CID\"0005L0#5678[#5678|1120 01 015][XE4.8952][YN52.3702]"
                + "[H22:29:58,12-07-2026][Vcam 2]" + NOW_FIELD));

        assertThat(frame.extendedData()).containsExactly(
                new Dc09ExtendedData('X', "E4.8952"),
                new Dc09ExtendedData('Y', "N52.3702"),
                new Dc09ExtendedData('H', "22:29:58,12-07-2026"),
                new Dc09ExtendedData('V', "cam 2"));
        assertThat(frame.longitude()).contains(4.8952);
        assertThat(frame.latitude()).contains(52.3702);
        assertThat(frame.eventTime()).contains(Instant.parse("2026-12-07T22:29:58Z"));
        assertThat(frame.timestamp()).isEqualTo(NOW);
    }

    @Test
    void acceptsLowerCaseHexEverywhere() {
        String body = "\"ADM-CID\"0006Rab1L2cd#1a2b[#1a2b|1120 01 015]" + NOW_FIELD;
        byte[] lower = frame(body, true);
        String head = new String(lower, 1, 8, StandardCharsets.ISO_8859_1);
        assertThat(head).as("the test needs a head with hex letters").containsPattern("[a-f]");

        Dc09Frame frame = ok(lower);
        assertThat(frame.header().receiver()).isEqualTo("ab1");
        assertThat(frame.header().line()).isEqualTo("2cd");
        assertThat(frame.account()).isEqualTo("1a2b");
    }

    // --- encrypted frames --------------------------------------------------------------------------

    @Test
    void decryptsEveryEncryptedTokenWithEachKeySize() {
        record Case(String token, Dc09Token expected, String account, String key, String data) {
        }
        List<Case> cases = List.of(
                new Case("*SIA-DCS", Dc09Token.SIA_DCS, "1234", KEY_128, "#1234|Nri1/PA101"),
                new Case("*ADM-CID", Dc09Token.ADM_CID, "5678", KEY_192, "#5678|1121 01 002"),
                new Case("*NULL", Dc09Token.NULL, "ABCDEF", KEY_256, ""));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            for (int seed = 0; seed < 20; seed++) {
                // The data grows by one character per seed, so every pad size from 1 to 16 occurs.
                String data = c.data().isEmpty() ? "" : c.data() + "x".repeat(seed);
                String body = "\"" + c.token() + "\"00" + String.format("%02d", seed) + "R1L1#" + c.account() + "["
                        + encrypt(c.key(), data + "]" + NOW_FIELD, seed);
                Dc09ParseResult result = parse(frame(body));
                if (result.status() != Status.OK || result.frame().token() != c.expected()
                        || !result.frame().encrypted() || !result.frame().data().equals(data)
                        || !NOW.equals(result.frame().timestamp())) {
                    failures.add(c.token() + " seed " + seed + ": " + result.status() + " " + result.reason());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void decryptsExtendedDataInsideTheEncryptedPart() {
        String body = "\"*ADM-CID\"0007#1234[" + encrypt(KEY_128, "#1234|1120 01 015][X-4.5][YS12.25]" + NOW_FIELD, 3);
        Dc09Frame frame = ok(frame(body));
        assertThat(frame.longitude()).contains(-4.5);
        assertThat(frame.latitude()).contains(-12.25);
    }

    @Test
    void acceptsLowerCaseCiphertextAndAccountsInAnyCase() {
        String body = "\"*SIA-DCS\"0008#abcdef[" + encrypt(KEY_256, "#abcdef|NPA1]" + NOW_FIELD, 1).toLowerCase();
        Dc09Frame frame = ok(frame(body));
        assertThat(frame.account()).isEqualTo("abcdef");
        assertThat(frame.data()).isEqualTo("#abcdef|NPA1");
    }

    @Test
    void aWrongKeyIsUndecryptableButKeepsTheHeader() {
        // Account 1234 has KEY_128; the transmitter used another key.
        String body = "\"*ADM-CID\"0009R2#1234["
                + encrypt(KEY_256.substring(0, 32), "#1234|1120 01 015]" + NOW_FIELD, 5);
        Dc09ParseResult result = parse(frame(body));

        assertThat(result.status()).isEqualTo(Status.UNDECRYPTABLE);
        assertThat(result.frame()).isNull();
        assertThat(result.header().account()).isEqualTo("1234");
        assertThat(result.header().sequence()).isEqualTo("0009");
        assertThat(result.header().encrypted()).isTrue();
    }

    @Test
    void anAccountWithoutKeyOrCiphertextThatIsNotWholeBlocksIsUndecryptable() {
        String noKey = "\"*ADM-CID\"0010#9999[" + encrypt(KEY_128, "#9999|1120 01 015]" + NOW_FIELD, 5);
        assertThat(parse(frame(noKey)).status()).isEqualTo(Status.UNDECRYPTABLE);
        assertThat(parse(frame(noKey)).reason()).isEqualTo("no key for the account");

        String cipher = encrypt(KEY_128, "#1234|1120 01 015]" + NOW_FIELD, 5);
        assertThat(parse(frame("\"*ADM-CID\"0011#1234[" + cipher.substring(2))).status())
                .isEqualTo(Status.UNDECRYPTABLE);
        assertThat(parse(frame("\"*ADM-CID\"0011#1234[" + "ZZ" + cipher.substring(2))).status())
                .isEqualTo(Status.UNDECRYPTABLE);
        assertThat(parse(frame("\"*ADM-CID\"0011#1234[")).status()).isEqualTo(Status.UNDECRYPTABLE);
    }

    @Test
    void anEncryptedFrameMustCarryATimestamp() {
        String body = "\"*ADM-CID\"0012#1234[" + encrypt(KEY_128, "#1234|1120 01 015]", 5);
        assertThat(parse(frame(body)).status()).isEqualTo(Status.UNDECRYPTABLE);
    }

    // --- frames that get no answer -----------------------------------------------------------------

    @Test
    void aWrongCrcIsBadCrc() {
        String body = "\"ADM-CID\"0013#1234[#1234|1120 01 015]" + NOW_FIELD;
        byte[] good = frame(body);

        byte[] wrongField = good.clone();
        wrongField[1] = (byte) (wrongField[1] == '0' ? '1' : '0');
        assertThat(parse(wrongField).status()).isEqualTo(Status.BAD_CRC);
        assertThat(parse(wrongField).header()).isNull();

        byte[] changedBody = good.clone();
        int zoneDigit = new String(good, StandardCharsets.ISO_8859_1).indexOf(" 015]") + 3;
        changedBody[zoneDigit] = '6';
        assertThat(parse(changedBody).status()).isEqualTo(Status.BAD_CRC);
    }

    @Test
    void aWrongLengthIsBadLength() {
        String body = "\"ADM-CID\"0014#1234[#1234|1120 01 015]" + NOW_FIELD;
        byte[] frame = frame(body);
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        String wrongLength = text.substring(0, 5) + String.format("0%03X", body.length() + 1) + text.substring(9);
        assertThat(parse(wrongLength.getBytes(StandardCharsets.ISO_8859_1)).status()).isEqualTo(Status.BAD_LENGTH);

        // A frame cut short in transit.
        String truncated = text.substring(0, text.length() - 6) + "\r";
        assertThat(parse(truncated.getBytes(StandardCharsets.ISO_8859_1)).status()).isEqualTo(Status.BAD_LENGTH);
    }

    @Test
    void notAFrameIsMalformed() {
        String body = "\"ADM-CID\"0015#1234[#1234|1120 01 015]" + NOW_FIELD;
        String text = new String(frame(body), StandardCharsets.ISO_8859_1);

        List<String> malformed = List.of(
                text.substring(1), // no LF
                text.substring(0, text.length() - 1) + "\n", // no CR
                "\n\r",
                text.substring(0, 5) + "1" + text.substring(6), // length field must start with 0
                text.substring(0, 1) + "G" + text.substring(2));
        for (String frame : malformed) {
            assertThat(parse(frame.getBytes(StandardCharsets.ISO_8859_1)).status()).as(frame.strip())
                    .isEqualTo(Status.MALFORMED);
        }
        assertThat(Dc09Codec.parse(null, KEYS).status()).isEqualTo(Status.MALFORMED);
    }

    @Test
    void aCorrectlyFramedBodyThatIsNotDc09IsMalformed() {
        List<String> bodies = List.of(
                "\"ADM-CID\"15#1234[#1234|1120 01 015]", // sequence not 4 digits
                "\"ADM-CID\"0001#12[#12|1120 01 015]", // account too short
                "\"ADM-CID\"0001#12345678901234567[]", // account too long
                "\"ADM-CID\"0001#1234#1234|1120 01 015]", // no [
                "\"ADM-CID\"0001#1234[#1234|1120 01 015", // no ]
                "\"ADM-CID\"0001#1234[#1234|1120 01 015]_22:30:00,13-07-2026", // month 13
                "\"ADM-CID\"0001#1234[#1234|1120 01 015]22:30:00,12-07-2026", // no underscore
                "\"ADM-CID\"0001#1234[#1234|1120 01 015][]" + NOW_FIELD, // empty extended block
                "\"ADM-CID\"0001RXYZ#1234[#1234|1120 01 015]"); // receiver not hex
        for (String body : bodies) {
            assertThat(parse(frame(body)).status()).as(body).isEqualTo(Status.MALFORMED);
        }
    }

    @Test
    void anUnsupportedTokenInACorrectFrameIsUnsupportedWithItsHeader() {
        Dc09ParseResult result = parse(frame("\"SIA-TXT\"0016R3L4#1234[#1234|hello]" + NOW_FIELD));
        assertThat(result.status()).isEqualTo(Status.UNSUPPORTED);
        assertThat(result.header()).isEqualTo(new Dc09Header("SIA-TXT", false, "0016", "3", "4", "1234"));
    }

    // --- framing -----------------------------------------------------------------------------------

    @Test
    void framesABodyAsTheTransmitterWould() {
        String body = "\"NULL\"0000R0L0#1234[]" + NOW_FIELD;
        assertThat(Dc09Codec.frame(body)).isEqualTo(frame(body));
        assertThat(parse(Dc09Codec.frame(body)).status()).isEqualTo(Status.OK);
    }
}
