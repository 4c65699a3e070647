package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class ProfileResourceTest {

    @Test
    void workerSavesAndReadsHerProfile() {
        TestTokens.Subject worker = TestTokens.newWorker();
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"workingName\":\"  Roxy \",\"safetyNote\":\"Door code 4411, escape via the garden\"}")
                .when().put("/api/me/profile")
                .then().statusCode(200)
                .body("workingName", equalTo("Roxy"))
                .body("safetyNote", equalTo("Door code 4411, escape via the garden"));

        given().auth().oauth2(worker.token())
                .when().get("/api/me/profile")
                .then().statusCode(200)
                .body("workingName", equalTo("Roxy"))
                .body("safetyNote", equalTo("Door code 4411, escape via the garden"));
    }

    @Test
    void theWholeProfileRoundTrips() {
        TestTokens.Subject worker = TestTokens.newWorker();
        save(worker, "{\"workingName\":\"Ana\",\"safetyNote\":null,\"languages\":[\"es\",\"pt\"],"
                + "\"callBackNumber\":\" +31 6-1234 5678 \",\"liaison\":\"BOTH\"}");
        given().auth().oauth2(worker.token()).when().get("/api/me/profile")
                .then().statusCode(200)
                .body("workingName", equalTo("Ana"))
                .body("safetyNote", nullValue())
                .body("languages", equalTo(List.of("es", "pt")))
                .body("callBackNumber", equalTo("+31 6-1234 5678"))
                .body("liaison", equalTo("BOTH"))
                .body("updatedAt", notNullValue());
    }

    @Test
    void aBodyWithOnlyNameAndNoteGetsTheDefaults() {
        TestTokens.Subject worker = TestTokens.newWorker();
        save(worker, "{\"workingName\":\"Ana\",\"languages\":[\"es\"],\"callBackNumber\":\"0612345678\",\"liaison\":\"CARE\"}");
        save(worker, "{\"workingName\":\"Ana\",\"safetyNote\":\"x\"}");
        given().auth().oauth2(worker.token()).when().get("/api/me/profile")
                .then().statusCode(200)
                .body("languages", equalTo(List.of()))
                .body("callBackNumber", nullValue())
                .body("liaison", equalTo("NONE"));
    }

    @Test
    void theFirstSaveAnnouncesHerRegistrationOnce() {
        TestTokens.Subject worker = TestTokens.newWorker();
        save(worker, "{\"workingName\":\"Vera\"}");
        save(worker, "{\"workingName\":\"Vera V\"}");

        List<ConsumerRecord<String, String>> records = KafkaTopics.readAll(Topics.WORKER_REGISTRATIONS,
                record -> worker.id().equals(record.key()), Duration.ofSeconds(4));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(EventTypes.WORKER_REGISTERED);
            assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo(EventTypes.SOURCE_REGISTRY_SERVICE);
            assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaTopics.header(record, "ce_id")).isNotBlank();
            assertThat(record.value()).startsWith("{\"workerId\":\"" + worker.id() + "\",\"registeredAt\":\"")
                    .doesNotContain("Vera");
        });
    }

    @Test
    void replacingTheProfileClearsARemovedNote() {
        TestTokens.Subject worker = TestTokens.newWorker();
        save(worker, "{\"workingName\":\"Mia\",\"safetyNote\":\"first note\"}");
        save(worker, "{\"workingName\":\"Mia B\"}");
        given().auth().oauth2(worker.token()).when().get("/api/me/profile")
                .then().statusCode(200)
                .body("workingName", equalTo("Mia B"))
                .body("safetyNote", nullValue());
    }

    @Test
    void aWorkerCannotSeeAnotherWorkersProfile() {
        TestTokens.Subject first = TestTokens.newWorker();
        TestTokens.Subject second = TestTokens.newWorker();
        save(first, "{\"workingName\":\"Lola\"}");
        given().auth().oauth2(second.token()).when().get("/api/me/profile")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:not-found"));
    }

    @Test
    void personalDataIsStoredEncrypted() throws Exception {
        TestTokens.Subject worker = TestTokens.newWorker();
        save(worker, "{\"workingName\":\"Scarlett\",\"safetyNote\":\"Code word pineapple\"}");
        try (Connection db = DriverManager.getConnection(SharedTestInfra.postgres().jdbcUrl("registry"), "registry", "registry");
                PreparedStatement query = db.prepareStatement(
                        "SELECT working_name, safety_note FROM worker_profile WHERE worker_id = ?")) {
            query.setString(1, worker.id());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(new String(row.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("Scarlett");
                assertThat(new String(row.getBytes(2), StandardCharsets.ISO_8859_1)).doesNotContain("pineapple");
            }
        }
    }

    @Test
    void aMissingWorkingNameIsAValidationProblem() {
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.JSON)
                .body("{\"workingName\":\" \",\"safetyNote\":\"x\"}")
                .when().put("/api/me/profile")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations.field", hasItem("workingName"));
    }

    @Test
    void thereIsNoFieldForALegalName() {
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.JSON)
                .body("{\"workingName\":\"Roxy\",\"legalName\":\"Jane Doe\"}")
                .when().put("/api/me/profile")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:malformed-request"));
    }

    @Test
    void brokenJsonIsAClientError() {
        given().auth().oauth2(TestTokens.newWorker().token()).contentType(ContentType.JSON)
                .body("{\"workingName\":")
                .when().put("/api/me/profile")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().when().get("/api/me/profile").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:unauthenticated"));
    }

    @Test
    void aTokenThatIsNotAJwtIsRefused() {
        given().auth().oauth2("not-a-jwt").when().get("/api/me/profile").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aDispatcherHasNoAccessToProfiles() {
        given().auth().oauth2(TestTokens.user("dispatcher-x", Set.of("dispatcher")))
                .when().get("/api/me/profile")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static void save(TestTokens.Subject worker, String body) {
        given().auth().oauth2(worker.token()).contentType(ContentType.JSON).body(body)
                .when().put("/api/me/profile").then().statusCode(200);
    }
}
