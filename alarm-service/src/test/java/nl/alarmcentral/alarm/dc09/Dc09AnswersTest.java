package nl.alarmcentral.alarm.dc09;

import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.CLOCK;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.KEY_128;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.KEY_256;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.NOW;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.NOW_FIELD;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.checkedBody;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.encrypt;
import static nl.alarmcentral.alarm.dc09.Dc09TestFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.alarm.dc09.Dc09ParseResult.Status;

class Dc09AnswersTest {

    private static final Dc09Keys KEYS = Dc09Keys.of(Map.of("1234", Dc09Key.fromHex(KEY_128),
            "ABCDEF", Dc09Key.fromHex(KEY_256)));

    private final Dc09Answers answers = new Dc09Answers(CLOCK, new Random(9));

    private static Dc09Frame read(String body) {
        Dc09ParseResult result = Dc09Codec.parse(frame(body), KEYS);
        assertThat(result.status()).as(result.reason()).isEqualTo(Status.OK);
        return result.frame();
    }

    @Test
    void anAckRepeatsSequenceReceiverLineAndAccount() {
        Dc09Frame frame = read("\"ADM-CID\"0042R12L5A#1234[#1234|1120 01 015]" + NOW_FIELD);
        byte[] ack = answers.ack(frame, null);

        // The whole frame, with CRC and length computed by the test's own code.
        assertThat(ack).isEqualTo(frame("\"ACK\"0042R12L5A#1234[]"));
        assertThat(checkedBody(ack)).isEqualTo("\"ACK\"0042R12L5A#1234[]");
    }

    @Test
    void anAckLeavesOutPrefixesTheFrameDidNotHaveAndKeepsTheCaseSent() {
        Dc09Frame frame = read("\"SIA-DCS\"9999#1a2b[#1a2b|NPA1]" + NOW_FIELD);
        assertThat(new String(answers.ack(frame, null), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(frame("\"ACK\"9999#1a2b[]"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anEncryptedFrameGetsAnEncryptedAckWithTheReceiversTimeInside() {
        Dc09Frame frame = read("\"*SIA-DCS\"0007R1L2#ABCDEF["
                + encrypt(KEY_256, "#ABCDEF|Nri1/PA101]" + NOW_FIELD, 4));
        byte[] ack = answers.ack(frame, Dc09Key.fromHex(KEY_256));

        String body = checkedBody(ack);
        String prefix = "\"*ACK\"0007R1L2#ABCDEF[";
        assertThat(body).startsWith(prefix);
        String cipherHex = body.substring(prefix.length());
        assertThat(cipherHex).matches("[0-9A-F]+").hasSize(64);

        byte[] plain = Dc09TestFrames.decrypt(KEY_256, cipherHex);
        String text = new String(plain, StandardCharsets.ISO_8859_1);
        // pad (10 bytes) + "|]" + the 20-character timestamp = 32 bytes
        assertThat(text).endsWith("|]" + NOW_FIELD);
        byte[] pad = Arrays.copyOf(plain, plain.length - ("|]" + NOW_FIELD).length());
        assertThat(pad).hasSize(10).doesNotContain((byte) '|', (byte) '[', (byte) ']');
    }

    @Test
    void theEncryptedAckUsesAFreshPadEachTime() {
        Dc09Frame frame = read("\"*NULL\"0001#1234[" + encrypt(KEY_128, "]" + NOW_FIELD, 1));
        Dc09Answers secure = new Dc09Answers(CLOCK);
        Dc09Key key = Dc09Key.fromHex(KEY_128);
        assertThat(secure.ack(frame, key)).isNotEqualTo(secure.ack(frame, key));
        assertThatThrownBy(() -> secure.ack(frame, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNakHasFixedRoutingAndTheReceiversTime() {
        byte[] nak = answers.nak();
        assertThat(nak).isEqualTo(frame("\"NAK\"0000R0L0A0[]_22:30:00,12-07-2026"));
        assertThat(checkedBody(nak)).isEqualTo("\"NAK\"0000R0L0A0[]" + NOW_FIELD);
    }

    @Test
    void aDuhRepeatsTheHeaderUnencrypted() {
        Dc09ParseResult unsupported = Dc09Codec.parse(frame("\"SIA-TXT\"0033R7#1234[#1234|hello]" + NOW_FIELD), KEYS);
        byte[] duh = answers.duh(unsupported.header());
        assertThat(duh).isEqualTo(frame("\"DUH\"0033R7#1234[]"));
    }

    @Test
    void decidesTheAnswerFromTheParseResultAndTheWindow() {
        Dc09TimestampWindow window = Dc09TimestampWindow.DEFAULT;
        String current = "\"ADM-CID\"0001#1234[#1234|1120 01 015]" + NOW_FIELD;
        String stale = "\"ADM-CID\"0001#1234[#1234|1120 01 015]_22:29:19,12-07-2026";
        String future = "\"ADM-CID\"0001#1234[#1234|1120 01 015]_22:30:21,12-07-2026";
        String wrongKey = "\"*ADM-CID\"0001#1234["
                + encrypt(KEY_256.substring(32), "#1234|1120 01 015]" + NOW_FIELD, 2);
        String unsupported = "\"SIA-TXT\"0001#1234[x]" + NOW_FIELD;
        byte[] badCrc = frame(current);
        badCrc[2] = (byte) (badCrc[2] == 'F' ? 'E' : 'F');

        assertThat(decide(frame(current), window)).isEqualTo(Dc09AnswerKind.ACK);
        assertThat(decide(frame(stale), window)).isEqualTo(Dc09AnswerKind.NAK);
        assertThat(decide(frame(future), window)).isEqualTo(Dc09AnswerKind.NAK);
        assertThat(decide(frame(wrongKey), window)).isEqualTo(Dc09AnswerKind.NAK);
        assertThat(decide(frame(unsupported), window)).isEqualTo(Dc09AnswerKind.DUH);
        assertThat(decide(badCrc, window)).isEqualTo(Dc09AnswerKind.NONE);
        assertThat(decide("\n00000000\r".getBytes(StandardCharsets.ISO_8859_1), window)).isEqualTo(Dc09AnswerKind.NONE);
        assertThat(decide(frame("\"ADM-CID\"0001#12"), window)).isEqualTo(Dc09AnswerKind.NONE);
    }

    private static Dc09AnswerKind decide(byte[] frame, Dc09TimestampWindow window) {
        return Dc09Answers.decide(Dc09Codec.parse(frame, KEYS), window, NOW);
    }
}
