package nl.alarmcentral.alarm.health;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * Readiness says "ready" only once the press path is warm, and the warm-up touches no worker's
 * data and sends nothing to dispatch. A profile of its own, so that this class gets a fresh start
 * and its first press really is the first one after ready; it prints the first press's time next
 * to the later ones' (the numbers in docs/reliability.md come from here and the local stack).
 */
@QuarkusTest
@TestProfile(PressPathReadinessTest.FreshStart.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class PressPathReadinessTest {

    /** No overrides: only a start of its own. */
    public static class FreshStart implements QuarkusTestProfile {
    }

    @Test
    void readyOnceThePressPathIsWarmWithoutTouchingAnyWorkersData() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        given().when().get("/q/health/ready").then()
                .body("checks.name", hasItem("press path"))
                .body("checks.find { it.name == 'press path' }.data.database", equalTo("WARM"))
                .body("checks.find { it.name == 'press path' }.data.broker", equalTo("WARM"))
                .body("checks.find { it.name == 'press path' }.data.rowFollower", equalTo("ASSIGNED"))
                .body("checks.find { it.name == 'press path' }.data.identityProvider", equalTo("WARM"))
                .body("checks.find { it.name == 'press path' }.data.http", equalTo("WARM"));

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            TestTokens.Subject worker = TestTokens.newWorker();
            long started = System.nanoTime();
            given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                    .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                    .when().post("/api/alarms").then().statusCode(202);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        List<Long> later = millis.subList(1, millis.size()).stream().sorted().toList();
        System.out.printf("First press after ready: %d ms; the next ten: median %d ms, max %d ms (%s)%n", millis.get(0),
                later.get(later.size() / 2), later.get(later.size() - 1), millis.subList(1, millis.size()));

        assertThat(column("SELECT alarm_id FROM alarm WHERE worker_id = 'alarm-service-rehearsal'"))
                .as("the rehearsals were rolled back").isEmpty();
        // Publishing was rehearsed: what reached the topic is typed so that every consumer skips it
        // (a few per start of the service in this test run), and no alarm.
        var sent = KafkaTopics.readAll(Topics.ALARM_EVENTS, r -> "alarm-service-rehearsal".equals(r.key()), Duration.ofSeconds(2));
        assertThat(sent).as("the rehearsal's send").isNotEmpty();
        assertThat(sent).extracting(r -> KafkaTopics.header(r, "ce_type")).as("only rehearsals reached the topic")
                .containsOnly(EventTypes.PATH_REHEARSAL);
    }
}
