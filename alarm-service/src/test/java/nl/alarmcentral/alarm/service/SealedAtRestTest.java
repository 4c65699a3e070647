package nl.alarmcentral.alarm.service;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.CANCEL_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.confirm;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.dispatchDetails;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.nullValue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.alarm.SealingTestSupport;
import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.SealedKind;
import nl.alarmcentral.contract.event.AlarmPosition;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * Positions and timer notes are sealed to her public keyset before they are stored (issue 14): with
 * the real broker and database, her registration arrives on {@code worker.registrations} as the
 * registry publishes it; after a press with a position and a timer with a note, no table of
 * alarm-service holds either readably (every row searched as text, and the sealed position's bytes
 * searched for the coordinates' doubles), and what dispatch's claim check answers opens with her
 * private key only. Without her keyset an alarm is still accepted, without a position.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class SealedAtRestTest {

    @Test
    void noTableHoldsHerPositionOrNoteReadablyAndTheDetailsOpenWithHerKeyOnly() {
        TestTokens.Subject worker = withPins(TestTokens.newWorker());
        SealingTestSupport.Keys keys = SealingTestSupport.registered(worker.id());
        double lat = 51.0 + ThreadLocalRandom.current().nextInt(100_000, 999_999) / 1e6;
        double lon = 4.0 + ThreadLocalRandom.current().nextInt(100_000, 999_999) / 1e6;
        String note = "Note-marker-" + UUID.randomUUID();

        String alarmId = press(worker, lat, lon).statusCode(202).extract().path("alarmId");
        String timerId = start(worker, "{\"minutes\":60,\"note\":\"" + note + "\"}").statusCode(201).extract().path("id");
        confirm(worker, timerId, DURESS_PIN).statusCode(200);
        String timerAlarm = AlarmIds.of(worker.id(), UUID.fromString(timerId)).toString();

        String everything = String.join("\n", everyRowAsText());
        assertThat(everything).contains(worker.id()).doesNotContain(note).doesNotContain(Double.toString(lat))
                .doesNotContain(Double.toString(lon));
        byte[] sealed = bytes("select encode(sealed_position, 'hex') from alarm where alarm_id = ?::uuid", alarmId);
        assertThat(sealed).isNotEmpty();
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            assertThat(indexOf(sealed, doubleBytes(lat, order))).as("latitude as a double").isEqualTo(-1);
            assertThat(indexOf(sealed, doubleBytes(lon, order))).as("longitude as a double").isEqualTo(-1);
        }
        byte[] sealedNote = bytes("select encode(note, 'hex') from safety_timer where timer_id = ?::uuid", timerId);
        assertThat(indexOf(sealedNote, note.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);

        // The claim check: sealed values dispatch hands to the registry; her private key opens them.
        dispatchDetails(alarmId).statusCode(200).body("timerNote", nullValue());
        assertThat(SealingTestSupport.position(worker.id(), alarmId)).isEqualTo(new AlarmPosition(lat, lon, 7.5, null));
        assertThat(SealingTestSupport.note(worker.id(), timerAlarm)).isEqualTo(note);
        // Bound to its alarm and kind: not opened as another alarm's position, nor as a note.
        String base64 = dispatchDetails(alarmId).extract().path("location.sealed");
        assertThatThrownBy(() -> keys.open(base64, SealedKind.ALARM_POSITION, UUID.randomUUID().toString()))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> keys.open(base64, SealedKind.TIMER_NOTE, alarmId)).isInstanceOf(CryptoException.class);
        // Another worker's key does not open it.
        SealingTestSupport.Keys other = SealingTestSupport.newKeys(worker.id());
        assertThatThrownBy(() -> other.open(base64, SealedKind.ALARM_POSITION, alarmId)).isInstanceOf(CryptoException.class);
    }

    @Test
    void withoutHerKeysetAnAlarmIsAcceptedWithoutAPositionAndALaterRegistrationIsUsed() {
        TestTokens.Subject worker = withPins(TestTokens.newWorker());
        String before = press(worker, 52.123456, 4.654321).statusCode(202).extract().path("alarmId");

        assertThat(column("select (sealed_position is null) || ' ' || (published_at is not null) from alarm "
                + "where alarm_id = ?::uuid", before)).containsExactly("true true");
        dispatchDetails(before).statusCode(200).body("location", nullValue()).body("timerNote", nullValue());
        assertThat(String.join("\n", everyRowAsText())).doesNotContain("52.123456");

        // Her registration arrives, then a newer one (a rotated key pair): the newest keyset is used.
        SealingTestSupport.registered(worker.id());
        SealingTestSupport.registered(worker.id());
        String after = press(worker, 52.123456, 4.654321).statusCode(202).extract().path("alarmId");
        assertThat(SealingTestSupport.position(worker.id(), after).lat()).isEqualTo(52.123456);
    }

    private static TestTokens.Subject withPins(TestTokens.Subject worker) {
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"cancelPin\":\"" + CANCEL_PIN + "\",\"duressPin\":\"" + DURESS_PIN + "\"}")
                .when().put("/api/me/pins").then().statusCode(200);
        return worker;
    }

    private static io.restassured.response.ValidatableResponse press(TestTokens.Subject worker, double lat, double lon) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SILENT\",\"clientRef\":\"" + UUID.randomUUID() + "\",\"location\":{\"lat\":" + lat
                        + ",\"lon\":" + lon + ",\"accuracyM\":7.5}}")
                .when().post("/api/alarms").then();
    }

    /** Every row of every table of alarm-service, as PostgreSQL writes a row as text. */
    private static List<String> everyRowAsText() {
        List<String> tables = column("select table_name from information_schema.tables where table_schema = 'public' "
                + "and table_type = 'BASE TABLE'");
        assertThat(tables).contains("alarm", "safety_timer", "worker_sealing_key", "outbox_event");
        return tables.stream().flatMap(table -> column("select t::text from \"" + table + "\" t").stream()).toList();
    }

    private static byte[] bytes(String query, String id) {
        return HexFormat.of().parseHex(column(query, id).get(0));
    }

    private static byte[] doubleBytes(double value, ByteOrder order) {
        return ByteBuffer.allocate(Double.BYTES).order(order).putDouble(value).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }
}
