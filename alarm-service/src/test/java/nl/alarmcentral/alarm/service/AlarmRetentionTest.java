package nl.alarmcentral.alarm.service;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.sql;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.confirm;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.dispatchDetails;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.alarm.SealingTestSupport;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * The retention job ({@link AlarmRetention}, every second in tests) with the real database and the
 * default periods: positions a day after the alarm, timer notes a day after the timer ended, alarm
 * rows reduced to statistics and ended timers deleted after the incidents' retention (90 days).
 * Rows are aged by moving their times back, as an operator could; younger rows stay as they are,
 * and a press retried with the same client reference is still one alarm, also for a reduced row.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class AlarmRetentionTest {

    private static final Duration JOB = Duration.ofSeconds(15);
    private static final String NOTE = "Hotel Central room 12";

    @Test
    void whatIsNoLongerNeededGoesAndTheRestStays() {
        TestTokens.Subject worker = workerWithPins();
        UUID dayOldRef = UUID.randomUUID();
        UUID freshRef = UUID.randomUUID();
        UUID ancientRef = UUID.randomUUID();
        String dayOld = press(worker, dayOldRef).statusCode(202).extract().path("alarmId");
        String fresh = press(worker, freshRef).statusCode(202).extract().path("alarmId");
        String ancient = press(worker, ancientRef).statusCode(202).extract().path("alarmId");
        String endedTimer = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(201).extract().path("id");
        String recentTimer = start(worker, "{\"minutes\":60,\"note\":\"" + NOTE + "\"}").statusCode(201).extract().path("id");
        String ancientTimer = start(worker, "{\"minutes\":60}").statusCode(201).extract().path("id");
        for (String timer : List.of(endedTimer, recentTimer, ancientTimer)) {
            confirm(worker, timer, DURESS_PIN).statusCode(200);
        }
        await().atMost(JOB).until(() -> column("select count(*) from alarm where worker_id = ? and published_at is null",
                worker.id()).equals(List.of("0")));

        sql("update alarm set raised_at = now() - interval '25 hours' where alarm_id = ?::uuid", dayOld);
        sql("update alarm set raised_at = now() - interval '91 days' where alarm_id = ?::uuid", ancient);
        sql("update safety_timer set confirmed_at = now() - interval '25 hours' where timer_id = ?::uuid", endedTimer);
        sql("update safety_timer set confirmed_at = now() - interval '91 days' where timer_id = ?::uuid", ancientTimer);

        await().atMost(JOB).pollInterval(Duration.ofMillis(200)).until(() -> position(dayOld).equals("none")
                && noteOf(endedTimer).equals(List.of("t")) && workerOf(ancient).equals("none")
                && column("select count(*) from safety_timer where timer_id = ?::uuid", ancientTimer).equals(List.of("0")));

        // A day after the alarm: its position is gone, the row still names her (a retry is recognised).
        assertThat(workerOf(dayOld)).isEqualTo(worker.id());
        dispatchDetails(dayOld).statusCode(200).body("location", nullValue());
        // After the incidents' retention: a statistic (kind, channel, time), nothing of her.
        assertThat(column("select concat_ws(' ', kind, channel, raised_at < now() - interval '90 days', coalesce(client_ref::text, "
                + "'none')) from alarm where alarm_id = ?::uuid", ancient)).containsExactly("SILENT APP t none");
        assertThat(position(ancient)).isEqualTo("none");
        // What is younger stays.
        assertThat(position(fresh)).isEqualTo("sealed");
        assertThat(SealingTestSupport.position(worker.id(), fresh).lat()).isEqualTo(51.5555);
        assertThat(noteOf(recentTimer)).containsExactly("f");
        assertThat(workerOf(fresh)).isEqualTo(worker.id());

        // A retried press is still one alarm: for a row that names her and for a reduced one.
        press(worker, freshRef).statusCode(202).body("alarmId", equalTo(fresh));
        press(worker, ancientRef).statusCode(202).body("alarmId", equalTo(ancient));
        assertThat(column("select count(*) from alarm where alarm_id in (?::uuid, ?::uuid)", fresh, ancient))
                .containsExactly("2");
    }

    private static ValidatableResponse press(TestTokens.Subject worker, UUID clientRef) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SILENT\",\"clientRef\":\"" + clientRef + "\",\"location\":{\"lat\":51.5555,\"lon\":5.0913}}")
                .when().post("/api/alarms").then();
    }

    private static String position(String alarmId) {
        return column("select case when sealed_position is null then 'none' else 'sealed' end from alarm "
                + "where alarm_id = ?::uuid", alarmId).get(0);
    }

    private static String workerOf(String alarmId) {
        return column("select coalesce(worker_id, 'none') from alarm where alarm_id = ?::uuid", alarmId).get(0);
    }

    private static List<String> noteOf(String timerId) {
        return column("select note is null from safety_timer where timer_id = ?::uuid", timerId);
    }
}
