package nl.alarmcentral.dispatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import nl.alarmcentral.infra.test.TestTokens;

/** Reads {@code GET /api/incidents} as a dispatcher, the way the console will. */
public final class Incidents {

    private static final String DISPATCHER = TestTokens.user("dispatcher-1", Set.of("dispatcher"));

    private Incidents() {
    }

    /** Every active incident, in the order the API lists them. */
    public static List<Map<String, Object>> active() {
        return given().auth().oauth2(DISPATCHER)
                .when().get("/api/incidents")
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    /** Raises a panic alarm for a worker of its own and waits for the incident it opens; that incident's id. */
    public static String open() {
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, UUID.randomUUID().toString(), "PANIC");
        return (String) awaitWithAlarm(alarmId, incident -> true).get("id");
    }

    /** Active incidents with a timeline entry about this alarm (the alarm itself, or a PIN entry). */
    public static List<Map<String, Object>> withAlarm(UUID alarmId) {
        return matching(entry -> alarmId.toString().equals(entry.get("alarmId")));
    }

    /** Active incidents with a warning about this device on their timeline. */
    public static List<Map<String, Object>> withDevice(String deviceId) {
        return matching(entry -> deviceId.equals(entry.get("deviceId")));
    }

    /** Waits until exactly one active incident is about this alarm and satisfies {@code ready}. */
    public static Map<String, Object> awaitWithAlarm(UUID alarmId, Predicate<Map<String, Object>> ready) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Map<String, Object>> found = withAlarm(alarmId);
            return found.size() == 1 && ready.test(found.get(0)) ? found.get(0) : null;
        }, Objects::nonNull);
    }

    /** Waits until exactly one active incident is about this alarm and its card has this status. */
    public static Map<String, Object> awaitWithAlarm(UUID alarmId, String cardStatus) {
        return awaitWithAlarm(alarmId, incident -> cardStatus.equals(path(incident, "card.status")));
    }

    /** Timeline entries of an incident of the given type. */
    public static List<Map<String, Object>> entries(Map<String, Object> incident, String type) {
        return timeline(incident).stream().filter(entry -> type.equals(entry.get("type"))).toList();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> timeline(Map<String, Object> incident) {
        return (List<Map<String, Object>>) incident.get("timeline");
    }

    /** A dotted path into a JSON object; over a list it collects the field of every element. */
    @SuppressWarnings("unchecked")
    public static Object path(Map<String, Object> map, String path) {
        Object current = map;
        for (String part : path.split("\\.")) {
            if (current instanceof List<?> list) {
                return list.stream().map(e -> ((Map<String, Object>) e).get(part)).toList();
            }
            current = current == null ? null : ((Map<String, Object>) current).get(part);
        }
        return current;
    }

    private static List<Map<String, Object>> matching(Predicate<Map<String, Object>> entry) {
        return active().stream().filter(incident -> timeline(incident).stream().anyMatch(entry)).toList();
    }
}
