package nl.alarmcentral.alarm.outage;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.DURESS_PIN;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.workerWithPins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * The broker away: a press is still accepted (the database has it), and once the broker is back
 * the relay publishes every alarm, cancel and duress exactly once, in order. Runs against a broker
 * of its own, which it stops and starts ({@link PrivateKafkaResource}).
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.Timeouts.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class BrokerOutageTest {

    /**
     * The producer gives up on a record (3 s) before the relay stops waiting for it (4 s), and a
     * press does not try the broker again during the test: so no send made during the outage can
     * still arrive after the relay published the same event, and "exactly once" is exact.
     */
    public static class Timeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.alarm-events.request.timeout.ms", "2000",
                    "mp.messaging.outgoing.alarm-events.delivery.timeout.ms", "3000",
                    "mp.messaging.outgoing.alarm-events.max.block.ms", "2000",
                    "alarm.publish-timeout", "4s",
                    "alarm.store-retry-interval", "60s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateKafkaResource.class));
        }
    }

    @Test
    void pressesAndADuressAcceptedWhileTheBrokerIsAwayArePublishedOnceWhenItIsBack() throws Exception {
        TestTokens.Subject worker = workerWithPins();
        String beforeOutage = raise(worker);

        PrivateKafkaResource.stopBroker();
        String first;
        String second;
        long secondMillis;
        try {
            long started = System.nanoTime();
            first = raise(worker);
            long firstMillis = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            second = raise(worker);
            secondMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("Broker away: first press answered in %d ms, the next in %d ms%n", firstMillis, secondMillis);

            given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                    .body("{\"pin\":\"" + DURESS_PIN + "\"}")
                    .when().post("/api/alarms/" + second + "/cancel")
                    .then().statusCode(200);

            assertThat(column("SELECT alarm_id FROM alarm WHERE worker_id = ? AND published_at IS NULL ORDER BY raised_at",
                    worker.id())).as("durable in the database, not yet on the broker").containsExactly(first, second);
            assertThat(column("SELECT type FROM outbox_event WHERE worker_id = ? AND published_at IS NULL", worker.id()))
                    .containsExactly(EventTypes.ALARM_DURESS);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(unpublishedGauge()).isGreaterThanOrEqualTo(2));
            // Every send made so far has been given up by the producer before the broker returns.
            Thread.sleep(3_500);
        } finally {
            PrivateKafkaResource.startBroker();
        }
        assertThat(secondMillis).as("the breaker: the next press does not wait for the broker again").isLessThan(1_000);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(column(
                "SELECT alarm_id FROM alarm WHERE worker_id = ? AND published_at IS NULL", worker.id())).isEmpty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(column(
                "SELECT event_id FROM outbox_event WHERE worker_id = ? AND published_at IS NULL", worker.id())).isEmpty());

        List<ConsumerRecord<String, String>> events = KafkaTopics.readAll(PrivateKafkaResource.bootstrapServers(),
                Topics.ALARM_EVENTS, r -> worker.id().equals(r.key()), Duration.ofSeconds(4));
        Map<String, Long> copies = events.stream().collect(Collectors.groupingBy(
                e -> KafkaTopics.header(e, "ce_type") + " " + KafkaTopics.header(e, "ce_id"), Collectors.counting()));
        assertThat(copies).as("each event exactly once").containsOnlyKeys(
                EventTypes.ALARM_RAISED + " " + beforeOutage,
                EventTypes.ALARM_RAISED + " " + first,
                EventTypes.ALARM_RAISED + " " + second,
                EventTypes.ALARM_DURESS + " " + duressId(second));
        assertThat(copies.values()).containsOnly(1L);
        List<String> order = events.stream().map(e -> KafkaTopics.header(e, "ce_type") + " " + KafkaTopics.header(e, "ce_id"))
                .toList();
        assertThat(order.indexOf(EventTypes.ALARM_RAISED + " " + second))
                .as("the alarm before its duress").isLessThan(order.indexOf(EventTypes.ALARM_DURESS + " " + duressId(second)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(unpublishedGauge()).isZero());
    }

    private static String raise(TestTokens.Subject worker) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}")
                .when().post("/api/alarms")
                .then().statusCode(202).extract().path("alarmId");
    }

    private static String duressId(String alarmId) {
        return UUID.nameUUIDFromBytes(("duress:" + alarmId).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static double unpublishedGauge() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^alarmcentral_alarms_unpublished ([0-9.E]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
