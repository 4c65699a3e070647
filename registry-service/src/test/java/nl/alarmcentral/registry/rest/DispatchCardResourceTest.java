package nl.alarmcentral.registry.rest;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.registry.Incidents.card;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.Metrics;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;

/**
 * The dispatch card: only for an open incident of that worker, only consented fields, every
 * answer and every refusal recorded and counted.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class DispatchCardResourceTest {

    private static final String DISCLOSURES = "alarmcentral_disclosures_total";

    @Test
    void anOpenIncidentGetsEveryConsentedFieldAndTheDisclosureIsRecorded() {
        TestTokens.Subject worker = Workers.withEverything("card1");
        UUID incident = Incidents.open(worker.id());
        double granted = Metrics.value(DISCLOSURES, "outcome=\"granted\",reason=\"none\"");

        JsonPath body = card(worker.id(), incident).statusCode(200).extract().jsonPath();

        assertThat(body.getMap("")).containsOnlyKeys("workerId", "workingName", "languages", "callBackNumber", "mayCallBack",
                "procedure", "safetyNote", "doorApproach", "escapeRoute", "codeWord", "addresses", "contacts", "liaison",
                "policeFields");
        assertThat(body.getString("workerId")).isEqualTo(worker.id());
        assertThat(body.getString("workingName")).isEqualTo("Name card1");
        assertThat(body.getList("languages")).containsExactly("es", "nl");
        assertThat(body.getString("callBackNumber")).isEqualTo("+31 6 1234 5678");
        assertThat(body.getBoolean("mayCallBack")).isFalse();
        assertThat(body.getList("procedure")).containsExactly("CALL_ME_FIRST", "SEND_HELP");
        assertThat(body.getString("safetyNote")).isEqualTo("Note card1");
        assertThat(body.getString("doorApproach")).isEqualTo("Door card1");
        assertThat(body.getString("escapeRoute")).isEqualTo("Escape card1");
        assertThat(body.getString("codeWord")).isEqualTo("Word card1");
        assertThat(body.getList("addresses")).containsExactly(Map.of("label", "HOME", "address", "Street card1"));
        assertThat(body.getList("contacts")).containsExactly(Map.of("name", "Contact card1", "number", "+31 20 555 0000",
                "relation", "Sister card1", "inform", true));
        assertThat(body.getString("liaison")).isEqualTo("CARE");
        assertThat(body.getList("policeFields")).containsExactly("workingName", "addresses");

        List<Map<String, Object>> log = disclosures(worker.id());
        assertThat(log).singleElement().satisfies(row -> {
            assertThat(row.get("purpose")).isEqualTo("EMERGENCY_DISPATCH");
            assertThat(row.get("outcome")).isEqualTo("GRANTED");
            assertThat(row.get("reason")).isNull();
            assertThat(row.get("incident_id")).isEqualTo(incident);
            assertThat(row.get("requested_by")).isEqualTo("dispatch-service");
            assertThat(row.get("fields")).isEqualTo("workingName,languages,callBackNumber,mayCallBack,procedure,safetyNote,"
                    + "doorApproach,escapeRoute,codeWord,addresses,contacts,liaison,policeFields");
        });
        assertThat(Metrics.value(DISCLOSURES, "outcome=\"granted\",reason=\"none\"")).isEqualTo(granted + 1);
    }

    @Test
    void withoutAnIncidentTheRequestWaitsTwoSecondsThenIsRefusedAndRecorded() {
        TestTokens.Subject worker = Workers.withEverything("card2");
        UUID unknown = UUID.randomUUID();
        double before = Metrics.value(DISCLOSURES, "reason=\"incident_unknown\"");

        Instant start = Instant.now();
        card(worker.id(), unknown).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:conflict"))
                .body("workingName", nullValue());
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));

        assertRefusalRecorded(worker.id(), unknown, "INCIDENT_UNKNOWN");
        assertThat(Metrics.value(DISCLOSURES, "outcome=\"refused\",reason=\"incident_unknown\"")).isEqualTo(before + 1);
    }

    @Test
    void anIncidentThatOpensWhileTheRequestWaitsGetsTheCard() throws Exception {
        TestTokens.Subject worker = Workers.withEverything("card3");
        Incidents.open(UUID.randomUUID().toString()); // the consumer is running
        UUID incident = UUID.randomUUID();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                () -> card(worker.id(), incident).extract().statusCode());
        Thread.sleep(300);
        Incidents.publish(EventTypes.INCIDENT_OPENED, UUID.randomUUID().toString(), incident, worker.id());
        assertThat(status.get()).isEqualTo(200);
    }

    @Test
    void afterTheIncidentClosedTheCardIsRefusedAndRecorded() {
        TestTokens.Subject worker = Workers.withEverything("card4");
        UUID incident = Incidents.open(worker.id());
        card(worker.id(), incident).statusCode(200);
        double before = Metrics.value(DISCLOSURES, "reason=\"incident_closed\"");

        Incidents.close(incident, worker.id());

        card(worker.id(), incident).statusCode(409).contentType("application/problem+json");
        assertRefusalRecorded(worker.id(), incident, "INCIDENT_CLOSED");
        assertThat(disclosures(worker.id())).extracting(row -> row.get("outcome")).containsExactly("GRANTED", "REFUSED");
        assertThat(Metrics.value(DISCLOSURES, "outcome=\"refused\",reason=\"incident_closed\"")).isEqualTo(before + 1);
    }

    @Test
    void anotherWorkersIncidentDoesNotOpenHerCard() {
        TestTokens.Subject worker = Workers.withEverything("card5");
        TestTokens.Subject other = Workers.withEverything("card5-other");
        UUID othersIncident = Incidents.open(other.id());
        double before = Metrics.value(DISCLOSURES, "reason=\"incident_of_other_worker\"");

        card(worker.id(), othersIncident).statusCode(409);

        assertRefusalRecorded(worker.id(), othersIncident, "INCIDENT_OF_OTHER_WORKER");
        assertThat(Metrics.value(DISCLOSURES, "outcome=\"refused\",reason=\"incident_of_other_worker\"")).isEqualTo(before + 1);
    }

    @Test
    void withoutAlarmServiceConsentThereIsNoCardAndTheRefusalIsRecorded() {
        TestTokens.Subject worker = Workers.registered("Mia");
        Workers.grant(worker, "SHARE_NOTES", "SHARE_ADDRESSES", "INFORM_CONTACTS", "LIAISON_INTRO");
        UUID incident = Incidents.open(worker.id());
        double before = Metrics.value(DISCLOSURES, "reason=\"no_consent\"");

        card(worker.id(), incident).statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:not-found"))
                .body("workingName", nullValue());

        assertRefusalRecorded(worker.id(), incident, "NO_CONSENT");
        assertThat(Metrics.value(DISCLOSURES, "outcome=\"refused\",reason=\"no_consent\"")).isEqualTo(before + 1);
    }

    @Test
    void someoneWithoutARegistrationHasNoCardAndTheRefusalIsRecorded() {
        String unregistered = UUID.randomUUID().toString();
        UUID incident = Incidents.open(unregistered);
        double before = Metrics.value(DISCLOSURES, "reason=\"not_registered\"");

        card(unregistered, incident).statusCode(404).contentType("application/problem+json");

        assertRefusalRecorded(unregistered, incident, "NOT_REGISTERED");
        assertThat(Metrics.value(DISCLOSURES, "outcome=\"refused\",reason=\"not_registered\"")).isEqualTo(before + 1);
    }

    @Test
    void eachConsentAddsExactlyItsFields() {
        TestTokens.Subject worker = Workers.withEverything("card6");
        Workers.withdraw(worker, "SHARE_NOTES", "SHARE_ADDRESSES", "INFORM_CONTACTS", "LIAISON_INTRO", "POLICE_FIELDS");
        UUID incident = Incidents.open(worker.id());
        Set<String> base = Set.of("workerId", "workingName", "languages", "callBackNumber", "mayCallBack", "procedure");

        assertThat(cardKeys(worker, incident)).isEqualTo(base);

        Map<String, Set<String>> added = Map.of(
                "SHARE_NOTES", Set.of("safetyNote", "doorApproach", "escapeRoute", "codeWord"),
                "SHARE_ADDRESSES", Set.of("addresses"),
                "INFORM_CONTACTS", Set.of("contacts"),
                "LIAISON_INTRO", Set.of("liaison"));
        added.forEach((consent, fields) -> {
            Workers.grant(worker, consent);
            Set<String> expected = new java.util.HashSet<>(base);
            expected.addAll(fields);
            assertThat(cardKeys(worker, incident)).as(consent).isEqualTo(expected);
            Workers.withdraw(worker, consent);
            assertThat(cardKeys(worker, incident)).as(consent + " withdrawn").isEqualTo(base);
        });

        // Police may get only fields that are on the card: addresses are not, without SHARE_ADDRESSES.
        Workers.grantPoliceFields(worker, "workingName", "addresses", "escapeRoute");
        assertThat(card(worker.id(), incident).statusCode(200).extract().jsonPath().getList("policeFields"))
                .containsExactly("workingName");
        Workers.grant(worker, "SHARE_ADDRESSES", "SHARE_NOTES");
        assertThat(card(worker.id(), incident).statusCode(200).extract().jsonPath().getList("policeFields"))
                .containsExactly("workingName", "addresses", "escapeRoute");
    }

    @Test
    void aWithdrawnConsentTakesEffectForTheVeryNextRequest() {
        TestTokens.Subject worker = Workers.withEverything("card7");
        UUID incident = Incidents.open(worker.id());
        card(worker.id(), incident).statusCode(200).body("safetyNote", equalTo("Note card7"));

        Workers.withdraw(worker, "SHARE_NOTES");
        card(worker.id(), incident).statusCode(200).body("safetyNote", nullValue()).body("codeWord", nullValue());

        Workers.withdraw(worker, "ALARM_SERVICE");
        card(worker.id(), incident).statusCode(404);

        Workers.grant(worker, "ALARM_SERVICE");
        card(worker.id(), incident).statusCode(200).body("workingName", equalTo("Name card7"));
        assertThat(disclosures(worker.id())).extracting(row -> row.get("outcome"))
                .containsExactly("GRANTED", "GRANTED", "REFUSED", "GRANTED");
    }

    @Test
    void emptyFieldsAreLeftOut() {
        TestTokens.Subject worker = Workers.registered("Lola");
        Workers.grant(worker, "ALARM_SERVICE", "SHARE_NOTES", "SHARE_ADDRESSES", "INFORM_CONTACTS");
        UUID incident = Incidents.open(worker.id());
        assertThat(cardKeys(worker, incident)).containsExactlyInAnyOrder("workerId", "workingName", "mayCallBack", "procedure");
        card(worker.id(), incident).body("procedure", equalTo(List.of("SEND_HELP"))).body("mayCallBack", equalTo(true));
    }

    @Test
    void anIncidentIdIsRequired() {
        given().auth().oauth2(Incidents.DISPATCH)
                .when().get("/api/dispatch-cards/" + UUID.randomUUID())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:alarmcentral:problem:validation"))
                .body("violations[0].field", equalTo("incidentId"));
    }

    @Test
    void aMalformedWorkerIdOrIncidentIdIsAClientError() {
        given().auth().oauth2(Incidents.DISPATCH).queryParam("incidentId", UUID.randomUUID())
                .when().get("/api/dispatch-cards/not_an;id")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Incidents.DISPATCH).queryParam("incidentId", "not-a-uuid")
                .when().get("/api/dispatch-cards/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("incidentId"));
    }

    @Test
    void peopleCannotReadCardsEvenDispatchers() {
        TestTokens.Subject worker = Workers.withEverything("card8");
        UUID incident = Incidents.open(worker.id());
        for (String role : new String[] {"dispatcher", "supervisor", "coordinator", "ops", "worker"}) {
            given().auth().oauth2(TestTokens.user("person-" + role, Set.of(role)))
                    .queryParam("incidentId", incident)
                    .when().get("/api/dispatch-cards/" + worker.id())
                    .then().statusCode(403);
        }
        assertThat(disclosures(worker.id())).isEmpty();
    }

    @Test
    void metricsNameNoWorkerAndNoIncident() {
        TestTokens.Subject worker = Workers.withEverything("card9");
        UUID incident = Incidents.open(worker.id());
        card(worker.id(), incident).statusCode(200);
        String metrics = Metrics.all();
        assertThat(metrics).doesNotContain(worker.id()).doesNotContain(incident.toString()).doesNotContain("card9");
    }

    private static Set<String> cardKeys(TestTokens.Subject worker, UUID incident) {
        return card(worker.id(), incident).statusCode(200).extract().jsonPath().getMap("").keySet().stream()
                .map(Object::toString).collect(java.util.stream.Collectors.toSet());
    }

    private static List<Map<String, Object>> disclosures(String workerId) {
        return RegistryDb.rows("SELECT purpose, outcome, reason, incident_id, requested_by, fields FROM disclosure "
                + "WHERE worker_id = ? ORDER BY disclosed_at", workerId);
    }

    private static void assertRefusalRecorded(String workerId, UUID incident, String reason) {
        List<Map<String, Object>> log = disclosures(workerId);
        assertThat(log).last().satisfies(row -> {
            assertThat(row.get("purpose")).isEqualTo("EMERGENCY_DISPATCH");
            assertThat(row.get("outcome")).isEqualTo("REFUSED");
            assertThat(row.get("reason")).isEqualTo(reason);
            assertThat(row.get("incident_id")).isEqualTo(incident);
            assertThat(row.get("requested_by")).isEqualTo("dispatch-service");
            assertThat(row.get("fields")).isEqualTo("");
        });
    }
}
