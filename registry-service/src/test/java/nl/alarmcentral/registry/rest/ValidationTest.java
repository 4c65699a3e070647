package nl.alarmcentral.registry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.Workers;

/**
 * Bad input is a 400 problem naming the field (never its value), at the limit of every text field
 * and every list, for unknown fields and wrong types; never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class ValidationTest {

    /** One text field: where it goes, how to put a value in a body, its limit. */
    private record TextField(String path, String field, String template, int max) {
        String body(String value) {
            return template.replace("@", value);
        }
    }

    private static final List<TextField> TEXT_FIELDS = List.of(
            new TextField("/api/me/profile", "workingName", "{\"workingName\":\"@\"}", 80),
            new TextField("/api/me/profile", "safetyNote", "{\"workingName\":\"R\",\"safetyNote\":\"@\"}", 2000),
            new TextField("/api/me/profile", "callBackNumber", "{\"workingName\":\"R\",\"callBackNumber\":\"@\"}", 30),
            new TextField("/api/me/notes", "doorApproach", "{\"doorApproach\":\"@\"}", 500),
            new TextField("/api/me/notes", "escapeRoute", "{\"escapeRoute\":\"@\"}", 500),
            new TextField("/api/me/notes", "codeWord", "{\"codeWord\":\"@\"}", 100),
            new TextField("/api/me/addresses", "addresses.address", "{\"addresses\":[{\"label\":\"HOME\",\"address\":\"@\"}]}", 300),
            new TextField("/api/me/contacts", "contacts.name", "{\"contacts\":[{\"name\":\"@\",\"number\":\"1\"}]}", 80),
            new TextField("/api/me/contacts", "contacts.number", "{\"contacts\":[{\"name\":\"S\",\"number\":\"@\"}]}", 30),
            new TextField("/api/me/contacts", "contacts.relation", "{\"contacts\":[{\"name\":\"S\",\"number\":\"1\",\"relation\":\"@\"}]}", 80),
            new TextField("/api/me/consents/ALARM_SERVICE", "textVersion", "{\"granted\":true,\"textVersion\":\"@\"}", 16));

    @Test
    void everyTextFieldHasALimitAndTheProblemNamesTheField() {
        TestTokens.Subject worker = TestTokens.newWorker();
        for (TextField text : TEXT_FIELDS) {
            String tooLong = text.field().equals("callBackNumber") || text.field().equals("contacts.number")
                    ? "1".repeat(text.max() + 1) : "é".repeat(text.max() + 1);
            Workers.put(worker, text.path(), text.body(tooLong))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:alarmcentral:problem:validation"))
                    .body("violations.field", hasItem(text.field()))
                    .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(tooLong)));
        }
    }

    @Test
    void textsAtTheirLimitAreAccepted() {
        TestTokens.Subject worker = TestTokens.newWorker();
        for (TextField text : TEXT_FIELDS) {
            if (text.field().equals("textVersion")) {
                continue; // only "v1" is a valid version
            }
            String atLimit = text.field().equals("callBackNumber") || text.field().equals("contacts.number")
                    ? "1".repeat(text.max()) : "é".repeat(text.max());
            assertThat(Workers.put(worker, text.path(), text.body(atLimit)).extract().statusCode()).as(text.field()).isEqualTo(200);
        }
    }

    @Test
    void requiredFieldsAreNamed() {
        TestTokens.Subject worker = TestTokens.newWorker();
        expectViolation(Workers.put(worker, "/api/me/profile", "{}"), "workingName");
        expectViolation(Workers.put(worker, "/api/me/addresses", "{}"), "addresses");
        expectViolation(Workers.put(worker, "/api/me/addresses", "{\"addresses\":[{\"address\":\"x\"}]}"), "addresses.label");
        expectViolation(Workers.put(worker, "/api/me/addresses", "{\"addresses\":[{\"label\":\"HOME\",\"address\":\" \"}]}"),
                "addresses.address");
        expectViolation(Workers.put(worker, "/api/me/contacts", "{\"contacts\":[{\"name\":\"S\"}]}"), "contacts.number");
        expectViolation(Workers.put(worker, "/api/me/procedure", "{\"steps\":[]}"), "steps");
        expectViolation(Workers.put(worker, "/api/me/addresses", "{\"addresses\":[null]}"), "addresses");
    }

    @Test
    void listsHaveLimits() {
        TestTokens.Subject worker = TestTokens.newWorker();
        String six = IntStream.range(0, 6).mapToObj(i -> "{\"label\":\"OTHER\",\"address\":\"a" + i + "\"}")
                .collect(Collectors.joining(","));
        expectViolation(Workers.put(worker, "/api/me/addresses", "{\"addresses\":[" + six + "]}"), "addresses");
        String sixContacts = IntStream.range(0, 6).mapToObj(i -> "{\"name\":\"c" + i + "\",\"number\":\"1\"}")
                .collect(Collectors.joining(","));
        expectViolation(Workers.put(worker, "/api/me/contacts", "{\"contacts\":[" + sixContacts + "]}"), "contacts");
        expectViolation(Workers.put(worker, "/api/me/procedure",
                "{\"steps\":[\"SEND_HELP\",\"SEND_POLICE\",\"CALL_ME_FIRST\",\"CALL_TRUSTED_CONTACT\",\"SEND_HELP\"]}"), "steps");
        String elevenLanguages = List.of("en", "nl", "es", "pt", "ro", "bg", "pl", "hu", "ru", "uk", "de").stream()
                .map(l -> "\"" + l + "\"").collect(Collectors.joining(","));
        expectViolation(Workers.put(worker, "/api/me/profile", "{\"workingName\":\"R\",\"languages\":[" + elevenLanguages + "]}"),
                "languages");
    }

    @Test
    void languagesAreIsoCodesAndNumbersArePhoneNumbers() {
        TestTokens.Subject worker = TestTokens.newWorker();
        expectViolation(Workers.put(worker, "/api/me/profile", "{\"workingName\":\"R\",\"languages\":[\"EN\"]}"), "languages");
        expectViolation(Workers.put(worker, "/api/me/profile", "{\"workingName\":\"R\",\"languages\":[\"xx\"]}"), "languages");
        expectViolation(Workers.put(worker, "/api/me/profile", "{\"workingName\":\"R\",\"languages\":[\"es\",\"es\"]}"), "languages");
        expectViolation(Workers.put(worker, "/api/me/profile", "{\"workingName\":\"R\",\"callBackNumber\":\"call me\"}"),
                "callBackNumber");
        expectViolation(Workers.put(worker, "/api/me/profile", "{\"workingName\":\"R\",\"callBackNumber\":\"06+123\"}"),
                "callBackNumber");
    }

    @Test
    void unknownFieldsWrongTypesAndUnknownValuesAreRefused() {
        TestTokens.Subject worker = TestTokens.newWorker();
        for (String[] bad : new String[][] {
                {"/api/me/profile", "{\"workingName\":\"R\",\"legalName\":\"Jane Doe\"}"},
                {"/api/me/profile", "{\"workingName\":\"R\",\"liaison\":\"TAX_OFFICE\"}"},
                {"/api/me/profile", "{\"workingName\":[\"R\"]}"},
                {"/api/me/notes", "{\"mayCallBack\":\"perhaps\"}"},
                {"/api/me/notes", "{\"homeAddress\":\"x\"}"},
                {"/api/me/addresses", "{\"addresses\":[{\"label\":\"SECRET\",\"address\":\"x\"}]}"},
                {"/api/me/addresses", "{\"addresses\":[{\"label\":\"HOME\",\"address\":\"x\",\"floor\":3}]}"},
                {"/api/me/contacts", "{\"contacts\":[{\"name\":\"S\",\"number\":\"1\",\"email\":\"s@example.org\"}]}"},
                {"/api/me/procedure", "{\"steps\":[\"CALL_IMMIGRATION\"]}"},
                {"/api/me/consents/ALARM_SERVICE", "{\"granted\":true,\"textVersion\":\"v1\",\"recipient\":\"tax\"}"},
                {"/api/me/profile", "not json"},
                {"/api/me/profile", ""}}) {
            int status = Workers.put(worker, bad[0], bad[1]).extract().statusCode();
            assertThat(status).as(bad[0] + " " + bad[1]).isEqualTo(400);
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/profile", "{\"workingName\":\"" + "a".repeat(40_000) + "\"}").statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void nothingInvalidIsStored() {
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/profile", "{\"workingName\":\"" + "x".repeat(81) + "\"}").statusCode(400);
        Workers.get(worker, "/api/me/profile").statusCode(404);
    }

    private static void expectViolation(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations.field", hasItem(field));
    }
}
