package nl.alarmcentral.registry.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;

/**
 * With no broker to take its events: a first registration stores nothing and says so (503), and
 * a withdrawal still makes her data unreadable at once, leaving the tombstone to the retries.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBrokerForRegistrations.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class BrokerDownTest {

    /** worker.registrations points at a port where no broker listens. */
    public static class NoBrokerForRegistrations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.worker-registrations.bootstrap.servers", "127.0.0.1:9",
                    "mp.messaging.outgoing.worker-registrations.max.block.ms", "1000",
                    "registry.registration.publish-timeout", "2s",
                    "registry.erasure.step-timeout", "2s",
                    "registry.erasure.retry-interval", "1h");
        }
    }

    @Test
    void aFirstSaveThatCannotBeAnnouncedStoresNothing() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/profile", "{\"workingName\":\"Unannounced\"}")
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:alarmcentral:problem:unavailable"));
        assertThat(RegistryDb.count("SELECT count(*) FROM worker_profile WHERE worker_id = ?", worker.id())).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM worker_key WHERE worker_id = ?", worker.id())).isZero();
        Workers.get(worker, "/api/me/profile").statusCode(404);
    }

    @Test
    void aWithdrawalWithoutBrokerStillDestroysHerKeyAndDataAtOnce() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/notes", "{\"codeWord\":\"kiwi\"}").statusCode(200);

        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(202)
                .body("keyDestroyed", equalTo(true))
                .body("backupsUnreadable", equalTo(true))
                .body("dataDeleted", equalTo(true))
                .body("othersNotified", equalTo(false));

        assertThat(RegistryDb.count("SELECT count(*) FROM worker_key WHERE worker_id = ?", worker.id())).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM worker_section WHERE worker_id = ?", worker.id())).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM erasure WHERE worker_id = ? AND tombstone_published_at IS NULL "
                + "AND attempts = 1", worker.id())).isEqualTo(1);
    }
}
