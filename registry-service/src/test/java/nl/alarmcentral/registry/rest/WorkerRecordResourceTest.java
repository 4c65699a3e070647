package nl.alarmcentral.registry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;

/** Her notes, addresses, procedure and contacts: defaults, round trips, replacement, encryption. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class WorkerRecordResourceTest {

    @Test
    void partsSheNeverWroteHaveTheirDefaults() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.get(worker, "/api/me/notes").statusCode(200)
                .body("doorApproach", nullValue()).body("escapeRoute", nullValue()).body("codeWord", nullValue())
                .body("mayCallBack", equalTo(true));
        Workers.get(worker, "/api/me/addresses").statusCode(200).body("addresses", equalTo(List.of()));
        Workers.get(worker, "/api/me/contacts").statusCode(200).body("contacts", equalTo(List.of()));
        Workers.get(worker, "/api/me/procedure").statusCode(200).body("steps", equalTo(List.of("SEND_HELP")));
        assertThat(RegistryDb.count("SELECT count(*) FROM worker_key WHERE worker_id = ?", worker.id()))
                .as("reading creates nothing").isZero();
    }

    @Test
    void eachPartRoundTripsAndIsReplacedAsAWhole() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/notes", "{\"doorApproach\":\" Ring twice \",\"escapeRoute\":\"Garden\",\"codeWord\":\"pineapple\"}")
                .statusCode(200).body("doorApproach", equalTo("Ring twice")).body("mayCallBack", equalTo(true));
        Workers.put(worker, "/api/me/notes", "{\"codeWord\":\"mango\",\"mayCallBack\":false}").statusCode(200);
        Workers.get(worker, "/api/me/notes").statusCode(200)
                .body("doorApproach", nullValue()).body("escapeRoute", nullValue())
                .body("codeWord", equalTo("mango")).body("mayCallBack", equalTo(false));

        Workers.put(worker, "/api/me/addresses", "{\"addresses\":[{\"label\":\"HOME\",\"address\":\"Kerkstraat 1\"},"
                + "{\"label\":\"WORK\",\"address\":\"Hotel Centraal, room 12\"}]}").statusCode(200);
        Workers.get(worker, "/api/me/addresses").statusCode(200).body("addresses", equalTo(List.of(
                Map.of("label", "HOME", "address", "Kerkstraat 1"),
                Map.of("label", "WORK", "address", "Hotel Centraal, room 12"))));
        Workers.put(worker, "/api/me/addresses", "{\"addresses\":[]}").statusCode(200);
        Workers.get(worker, "/api/me/addresses").statusCode(200).body("addresses", equalTo(List.of()));

        Workers.put(worker, "/api/me/contacts", "{\"contacts\":[{\"name\":\"Sam\",\"number\":\"0612345678\"}]}").statusCode(200);
        Map<String, Object> sam = new java.util.HashMap<>(Map.of("name", "Sam", "number", "0612345678", "inform", false));
        sam.put("relation", null);
        Workers.get(worker, "/api/me/contacts").statusCode(200).body("contacts", equalTo(List.of(sam)));

        Workers.put(worker, "/api/me/procedure", "{\"steps\":[\"CALL_TRUSTED_CONTACT\",\"SEND_POLICE\"]}").statusCode(200);
        Workers.get(worker, "/api/me/procedure").statusCode(200)
                .body("steps", equalTo(List.of("CALL_TRUSTED_CONTACT", "SEND_POLICE")));
    }

    @Test
    void eachPartIsOneEncryptedDocument() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/addresses", "{\"addresses\":[{\"label\":\"HOME\",\"address\":\"Molenweg 77\"}]}")
                .statusCode(200);
        Workers.put(worker, "/api/me/contacts", "{\"contacts\":[{\"name\":\"Sam\",\"number\":\"0612345678\"}]}").statusCode(200);
        List<Map<String, Object>> rows = RegistryDb.rows("SELECT section, content FROM worker_section WHERE worker_id = ? "
                + "ORDER BY section", worker.id());
        assertThat(rows).extracting(row -> row.get("section")).containsExactly("ADDRESSES", "CONTACTS");
        assertThat(rows).allSatisfy(row -> assertThat(new String((byte[]) row.get("content"), StandardCharsets.ISO_8859_1))
                .doesNotContain("Molenweg").doesNotContain("HOME").doesNotContain("Sam").doesNotContain("0612345678"));
    }

    @Test
    void aProcedureStepMayNotRepeat() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/procedure", "{\"steps\":[\"SEND_HELP\",\"SEND_HELP\"]}").statusCode(400)
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations[0].field", equalTo("steps"));
    }
}
