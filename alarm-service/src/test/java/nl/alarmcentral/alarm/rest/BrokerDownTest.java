package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.alarm.outage.AlarmDatabaseOutage;
import nl.alarmcentral.infra.Ports;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * No broker at all (the producer points at a port where nothing listens): a press is still
 * accepted, because the database has it, and waits for the relay. With the database refusing
 * connections too, neither store can take it: 503 with Retry-After, so the app retries with the
 * same clientRef or offers 112; never a 500, never a false "sent".
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "alarm"))
class BrokerDownTest {

    /** Points the producer at a port where no broker listens. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + Ports.free(),
                    "alarm.publish-timeout", "2s",
                    "alarm.retry-after", "3s");
        }
    }

    @Test
    void withoutABrokerAPressIsDurableInTheDatabaseAndWaitsForTheRelay() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String alarmId = press(worker, UUID.randomUUID()).statusCode(202)
                .body("alarmId", notNullValue())
                .body("acceptedAt", notNullValue())
                .extract().path("alarmId");

        assertThat(column("SELECT alarm_id FROM alarm WHERE worker_id = ? AND published_at IS NULL", worker.id()))
                .containsExactly(alarmId);
    }

    @Test
    void withNeitherStoreAPressIsA503WithRetryAfterAndLeavesNothingBehind() {
        TestTokens.Subject worker = TestTokens.newWorker();
        try (AlarmDatabaseOutage outage = AlarmDatabaseOutage.begin()) {
            press(worker, UUID.randomUUID()).statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("3"))
                    .body("type", equalTo("urn:alarmcentral:problem:unavailable"))
                    .body("detail", notNullValue());
        }
        assertThat(column("SELECT alarm_id FROM alarm WHERE worker_id = ?", worker.id())).as("no half-made alarm").isEmpty();
    }

    private static ValidatableResponse press(TestTokens.Subject worker, UUID clientRef) {
        return given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef + "\"}")
                .when().post("/api/alarms")
                .then();
    }
}
