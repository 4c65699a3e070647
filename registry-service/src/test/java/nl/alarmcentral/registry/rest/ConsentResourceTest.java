package nl.alarmcentral.registry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;

/** Consents: granular, versioned, with history, nothing assumed, stored encrypted. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class ConsentResourceTest {

    private static final List<String> TYPES = List.of("ALARM_SERVICE", "SHARE_NOTES", "SHARE_ADDRESSES", "INFORM_CONTACTS",
            "POLICE_FIELDS", "LIAISON_INTRO");

    @Test
    void nothingIsConsentedUntilSheSaysSo() {
        TestTokens.Subject worker = Workers.registered("Roxy");
        JsonPath consents = Workers.get(worker, "/api/me/consents").statusCode(200).extract().jsonPath();
        assertThat(consents.getList("consents.type")).containsExactlyElementsOf(TYPES);
        assertThat(consents.getList("consents.granted")).containsOnly(false);
        assertThat(consents.getList("consents.textVersion")).containsOnlyNulls();
        assertThat(consents.getList("consents.grantedAt")).containsOnlyNulls();
        assertThat(consents.getList("consents.withdrawnAt")).containsOnlyNulls();
        assertThat(consents.getList("history")).isEmpty();
    }

    @Test
    void grantingAndWithdrawingKeepsAHistoryWithVersionsAndTimes() {
        TestTokens.Subject worker = Workers.registered("Roxy");
        Instant start = Instant.now();
        Workers.grant(worker, "ALARM_SERVICE", "SHARE_NOTES");
        Workers.grantPoliceFields(worker, "workingName", "escapeRoute");
        Workers.withdraw(worker, "SHARE_NOTES");

        JsonPath consents = Workers.get(worker, "/api/me/consents").statusCode(200).extract().jsonPath();
        Map<String, Object> alarm = consent(consents, "ALARM_SERVICE");
        assertThat(alarm).containsEntry("granted", true).containsEntry("textVersion", "v1").containsEntry("withdrawnAt", null);
        assertThat(Instant.parse((String) alarm.get("grantedAt"))).isAfterOrEqualTo(start);
        Map<String, Object> notes = consent(consents, "SHARE_NOTES");
        assertThat(notes).containsEntry("granted", false).containsEntry("textVersion", "v1");
        assertThat(Instant.parse((String) notes.get("withdrawnAt"))).isAfterOrEqualTo(Instant.parse((String) notes.get("grantedAt")));
        assertThat(consent(consents, "POLICE_FIELDS")).containsEntry("granted", true)
                .containsEntry("fields", List.of("workingName", "escapeRoute"));
        assertThat(consent(consents, "LIAISON_INTRO")).containsEntry("granted", false).containsEntry("grantedAt", null);

        // Newest first.
        assertThat(consents.getList("history.type")).containsExactly("SHARE_NOTES", "POLICE_FIELDS", "SHARE_NOTES", "ALARM_SERVICE");
        assertThat(consents.getList("history.granted")).containsExactly(false, true, true, true);
        assertThat(consents.getList("history.textVersion")).containsExactly(null, "v1", "v1", "v1");
        assertThat(consents.getList("history.fields")).containsExactly(null, List.of("workingName", "escapeRoute"), null, null);
        assertThat(consents.getList("history.at")).allSatisfy(at -> assertThat(Instant.parse((String) at)).isAfterOrEqualTo(start));
    }

    @Test
    void aRepeatedDecisionIsNotRecordedTwice() {
        TestTokens.Subject worker = Workers.registered("Roxy");
        Workers.grant(worker, "ALARM_SERVICE", "ALARM_SERVICE");
        Workers.withdraw(worker, "SHARE_ADDRESSES");
        assertThat(Workers.get(worker, "/api/me/consents").extract().jsonPath().getList("history")).hasSize(1);
    }

    @Test
    void theDecisionsAreStoredEncrypted() {
        TestTokens.Subject worker = Workers.registered("Roxy");
        Workers.grantPoliceFields(worker, "escapeRoute");
        List<Map<String, Object>> rows = RegistryDb.rows("SELECT * FROM consent_change WHERE worker_id = ?", worker.id());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row).containsOnlyKeys("id", "worker_id", "content", "changed_at");
            String content = new String((byte[]) row.get("content"), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(content).doesNotContain("POLICE").doesNotContain("escapeRoute").doesNotContain("v1");
        });
    }

    @Test
    void aGrantNeedsTheCurrentTextVersion() {
        TestTokens.Subject worker = Workers.registered("Roxy");
        Workers.put(worker, "/api/me/consents/ALARM_SERVICE", "{\"granted\":true}").statusCode(400)
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations[0].field", equalTo("textVersion"));
        Workers.put(worker, "/api/me/consents/ALARM_SERVICE", "{\"granted\":true,\"textVersion\":\"v0\"}").statusCode(400)
                .body("violations[0].field", equalTo("textVersion"));
    }

    @Test
    void fieldsBelongToPoliceFieldsOnlyAndMustBeCardFields() {
        TestTokens.Subject worker = Workers.registered("Roxy");
        Workers.put(worker, "/api/me/consents/SHARE_NOTES", "{\"granted\":true,\"textVersion\":\"v1\",\"fields\":[\"workingName\"]}")
                .statusCode(400).body("violations[0].field", equalTo("fields"));
        Workers.put(worker, "/api/me/consents/POLICE_FIELDS", "{\"granted\":true,\"textVersion\":\"v1\",\"fields\":[\"codeWord\"]}")
                .statusCode(400).body("violations[0].field", equalTo("fields"));
        Workers.put(worker, "/api/me/consents/POLICE_FIELDS", "{\"granted\":true,\"textVersion\":\"v1\",\"fields\":[]}")
                .statusCode(400).body("violations[0].field", equalTo("fields"));
        Workers.put(worker, "/api/me/consents/POLICE_FIELDS",
                "{\"granted\":true,\"textVersion\":\"v1\",\"fields\":[\"workingName\",\"workingName\"]}")
                .statusCode(400).body("violations[0].field", equalTo("fields"));
    }

    @Test
    void anUnknownConsentTypeIsAValidationProblem() {
        TestTokens.Subject worker = Workers.registered("Roxy");
        Workers.put(worker, "/api/me/consents/SHARE_WITH_TAX_OFFICE", "{\"granted\":true,\"textVersion\":\"v1\"}")
                .statusCode(400).body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations[0].field", equalTo("type"));
        Workers.put(worker, "/api/me/consents/ALARM_SERVICE", "{}").statusCode(400)
                .body("violations[0].field", equalTo("granted"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> consent(JsonPath consents, String type) {
        return (Map<String, Object>) consents.getList("consents", Map.class).stream()
                .filter(c -> type.equals(c.get("type"))).findFirst().orElseThrow();
    }
}
