package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;

/**
 * The first alarm end to end, against a running central with the real Keycloak: worker1 sets her
 * working name and note and consents to sharing them, raises an alarm twice with the same client reference (an app retry), and
 * dispatcher1 sees one incident with one alarm and her card. Shared by the Docker-free
 * {@link LocalStackIT} and the Docker-based {@link ComposeStackIT}, so both prove the same thing.
 */
final class SkeletonScenario {

    /** The target: from the 202 to the incident with her card at the dispatcher API. */
    static final Duration ALARM_TO_DISPATCHER = Duration.ofSeconds(2);

    /**
     * Limits for a login: the fault suites log in again while Keycloak is being killed and restarted,
     * and a login must fail rather than wait forever on a Keycloak that is not there yet.
     */
    private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 3_000).setParam("http.socket.timeout", 15_000));

    private final String keycloak;
    private final String alarm;
    private final String dispatch;
    private final String registry;

    /** What the run used that names or points at a person: worker ids, working names, notes, incident ids. */
    private final Set<String> identifying = new LinkedHashSet<>();

    /** The incident of the measured alarm, once the run has seen it. */
    private String incidentId;

    SkeletonScenario(String keycloak, String alarm, String dispatch, String registry) {
        this.keycloak = keycloak;
        this.alarm = alarm;
        this.dispatch = dispatch;
        this.registry = registry;
    }

    /**
     * Runs the scenario.
     *
     * @return how long the alarm took from the 202 to the dispatcher API, with her card
     */
    Duration run() {
        String dispatcher = token("dispatcher1", "dispatcher1-demo");

        // The first alarms after start-up warm the path (class loading, connections, the service
        // account's token; measured at about a second for the very first); worker2's incident is
        // separate from worker1's. The measured alarm is worker1's.
        String worker2 = token("worker2", "worker2-demo");
        saveProfile(worker2, "Mia", null);
        for (int i = 0; i < 3; i++) {
            identifying.add((String) awaitIncident(dispatcher, raise(worker2, UUID.randomUUID()), "Mia", Duration.ofSeconds(30))
                    .get("id"));
        }

        String worker1 = token("worker1", "worker1-demo");
        String workingName = "Roxy " + UUID.randomUUID().toString().substring(0, 6);
        saveProfile(worker1, workingName, "Ring twice. Escape route through the garden door.");
        assertThat(given().auth().oauth2(worker1).when().get(registry + "/api/me/profile")
                .then().statusCode(200).extract().<String>path("workingName")).isEqualTo(workingName);

        UUID clientRef = UUID.randomUUID();
        UUID alarmId = raise(worker1, clientRef);
        long accepted = System.nanoTime();
        assertThat(raise(worker1, clientRef)).as("a retried press is the same alarm").isEqualTo(alarmId);

        Map<String, Object> incident = awaitIncident(dispatcher, alarmId, workingName, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - accepted);
        incidentId = (String) incident.get("id");
        identifying.addAll(List.of(subject(worker1), subject(worker2), workingName, "Mia", incidentId,
                "Ring twice. Escape route through the garden door."));
        @SuppressWarnings("unchecked")
        Map<String, Object> card = (Map<String, Object>) incident.get("card");
        assertThat(card.get("safetyNote")).isEqualTo("Ring twice. Escape route through the garden door.");
        assertThat(alarmIds(incident)).as("one alarm for the retried press").containsExactly(alarmId.toString());

        given().auth().oauth2(worker1).when().get(dispatch + "/api/incidents").then().statusCode(403);
        given().when().get(dispatch + "/api/incidents").then().statusCode(401);
        return took;
    }

    /**
     * Everything of the run that names or points at a person (worker ids, working names, her note,
     * incident ids): none of it may appear in a metric label or a service's log. Alarm ids are not
     * among them: they are the correlation id of the logs.
     */
    Set<String> identifying() {
        return identifying;
    }

    /** The incident of the measured alarm (worker1's). */
    String incidentId() {
        return incidentId;
    }

    /** An access token from the public demo client (password grant). */
    String token(String user, String password) {
        return given().config(TIMEOUTS).log().ifValidationFails().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", "demo-cli")
                .formParam("username", user).formParam("password", password)
                .when().post(keycloak + "/realms/alarmcentral/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Saves her profile and agrees that the dispatcher may see it and her notes in an emergency. */
    void saveProfile(String token, String workingName, String note) {
        String body = note == null ? "{\"workingName\":\"" + workingName + "\"}"
                : "{\"workingName\":\"" + workingName + "\",\"safetyNote\":\"" + note + "\"}";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put(registry + "/api/me/profile").then().statusCode(200);
        for (String consent : new String[] {"ALARM_SERVICE", "SHARE_NOTES"}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"granted\":true,\"textVersion\":\"v1\"}")
                    .when().put(registry + "/api/me/consents/" + consent).then().statusCode(200);
        }
    }

    /** The token's subject: her worker id. */
    private static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher sub = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        if (!sub.find()) {
            throw new AssertionError("A token without a subject");
        }
        return sub.group(1);
    }

    /** Raises a PANIC alarm through the API, as the app does, and answers its id from the 202. */
    UUID raise(String token, UUID clientRef) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef + "\"}")
                .when().post(alarm + "/api/alarms")
                .then().statusCode(202).extract().path("alarmId");
        return UUID.fromString(id);
    }

    /** Polls the dispatcher API until the incident with this alarm shows her card. */
    private Map<String, Object> awaitIncident(String dispatcher, UUID alarmId, String workingName, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> open = given().auth().oauth2(dispatcher).queryParam("status", "OPEN")
                    .when().get(dispatch + "/api/incidents")
                    .then().statusCode(200).extract().jsonPath().getList("");
            Optional<Map<String, Object>> match = open.stream()
                    .filter(i -> alarmIds(i).contains(alarmId.toString()))
                    .filter(i -> workingName.equals(((Map<?, ?>) i.get("card")).get("workingName")))
                    .findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            sleep(25);
        }
        throw new AssertionError("Alarm " + alarmId + " did not reach the dispatcher with the card within " + timeout);
    }

    private static List<String> alarmIds(Map<String, Object> incident) {
        return ((List<?>) incident.get("alarms")).stream().map(a -> String.valueOf(((Map<?, ?>) a).get("alarmId"))).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
