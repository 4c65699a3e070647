package nl.alarmcentral.alarm.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import nl.alarmcentral.infra.Ports;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * When the broker cannot take the alarm, the worker is told so (503 with Retry-After, so the app
 * retries with the same clientRef or offers 112) and nothing is half-stored: never a false "sent".
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
    void anAlarmThatCannotBeMadeDurableIsA503AndLeavesNothingBehind() throws Exception {
        TestTokens.Subject worker = TestTokens.newWorker();
        UUID clientRef = UUID.randomUUID();

        given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef + "\"}")
                .when().post("/api/alarms")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("3"))
                .body("type", equalTo("urn:alarmcentral:problem:unavailable"))
                .body("detail", notNullValue());

        try (Connection db = DriverManager.getConnection(SharedTestInfra.postgres().jdbcUrl("alarm"), "alarm", "alarm");
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM alarm WHERE worker_id = ?")) {
            query.setString(1, worker.id());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).as("no half-made alarm").isZero();
            }
        }
    }
}
