package nl.alarmcentral.dispatch.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.DispatchDatabase;
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.ServiceDatabases;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * The console's live list, {@code /ws/incidents}: who gets through the handshake, the snapshot, a
 * frame for a new incident (marked new) and for every change, and changes made by another
 * instance arriving through Kafka. The sweep is off here (once an hour) unless called, so a frame
 * that arrives came through {@code incident.changes}.
 */
@QuarkusTest
@TestProfile(IncidentSocketTest.WithoutSweep.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class IncidentSocketTest {

    public static class WithoutSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dispatch.console-sweep-interval", "1h");
        }
    }

    private static final String DISPATCHER = TestTokens.user("dispatcher-live", Set.of("dispatcher"));
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper json;

    @Inject
    DispatchDatabase database;

    @Inject
    ConsoleBroadcaster broadcaster;

    @Test
    void aConsoleGetsASnapshotThenEveryChangeAndANewIncidentIsMarkedNew() throws Exception {
        String before = Incidents.open();
        Console console = connect(DISPATCHER);
        try {
            Map<String, Object> snapshot = console.next();
            assertThat(snapshot.get("type")).isEqualTo("snapshot");
            assertThat(ids(snapshot)).contains(before);

            UUID alarmId = UUID.randomUUID();
            AlarmEvents.raised(alarmId, UUID.randomUUID().toString(), "SILENT");
            Map<String, Object> opened = console.nextAbout(frame -> alarmId.toString().equals(incident(frame).get("lastAlarmId")));
            assertThat(opened.get("new")).isEqualTo(true);
            assertThat(incident(opened)).containsEntry("status", "OPEN").containsEntry("silent", true);
            // Ops see how long it took from her press to the consoles.
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("alarmcentral_press_to_console_seconds_bucket{le=\"0.25\"}");
            assertThat(metrics.lines().filter(line -> line.startsWith("alarmcentral_press_to_console_seconds_count"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum()).isPositive();
            String id = (String) incident(opened).get("id");

            given().auth().oauth2(DISPATCHER).when().post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);
            Map<String, Object> taken = console.nextAbout(frame -> id.equals(incident(frame).get("id"))
                    && "ACKNOWLEDGED".equals(incident(frame).get("status")));
            assertThat(taken.get("new")).isNull();
            assertThat(incident(taken)).containsEntry("acknowledgedBy", "user-dispatcher-live");
        } finally {
            console.close();
        }
    }

    @Test
    void aChangeMadeByAnotherInstanceArrivesThroughKafka() throws Exception {
        // Written straight to the database, so no message of this instance about it is on its way.
        String id = insertIncident().toString();
        Console console = connect(DISPATCHER);
        try {
            console.next(); // the snapshot
            // Another instance took it: its database write, then its message on incident.changes.
            database.execute("UPDATE incident SET status = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = "
                    + "'dispatcher-elsewhere', version = version + 1, changed_at = now() WHERE id = $1", UUID.fromString(id));
            long version = database.count("SELECT version FROM incident WHERE id = $1", UUID.fromString(id));
            KafkaTopics.send(Topics.INCIDENT_CHANGES, id, "{\"incidentId\":\"" + id + "\",\"version\":" + version
                    + ",\"changedAt\":\"" + Instant.now() + "\",\"opened\":false}",
                    Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", EventTypes.INCIDENT_CHANGED,
                            "ce_source", EventTypes.SOURCE_DISPATCH_SERVICE, "content-type", "application/json"));

            Map<String, Object> frame = console.nextAbout(f -> id.equals(incident(f).get("id")));
            assertThat(incident(frame)).containsEntry("acknowledgedBy", "dispatcher-elsewhere")
                    .containsEntry("version", (int) version);
        } finally {
            console.close();
        }
    }

    @Test
    void theSweepCatchesUpAChangeWhoseMessageWasLost() throws Throwable {
        Console console = connect(DISPATCHER);
        try {
            console.next();
            // Written straight to the database: no message about it exists, only the sweep can send it.
            String id = insertIncident().toString();
            VertxContextSupport.<Void>subscribeAndAwait(() -> broadcaster.sweep());
            console.nextAbout(f -> id.equals(incident(f).get("id")));
            database.execute("UPDATE incident SET escalated_at = now(), version = version + 1, changed_at = now() WHERE id = $1",
                    UUID.fromString(id));
            VertxContextSupport.<Void>subscribeAndAwait(() -> broadcaster.sweep());
            Map<String, Object> frame = console.nextAbout(f -> id.equals(incident(f).get("id")));
            assertThat(incident(frame)).containsEntry("escalated", true).containsEntry("version", 1);
        } finally {
            console.close();
        }
    }

    @Test
    void anIncidentTheSweepFindsBeforeItsMessageIsStillMarkedNew() throws Throwable {
        Console console = connect(DISPATCHER);
        try {
            console.next();
            // Committed by some instance, its message on incident.changes not (yet) here.
            UUID id = insertIncident();
            VertxContextSupport.<Void>subscribeAndAwait(() -> broadcaster.sweep());
            Map<String, Object> frame = console.nextAbout(f -> id.toString().equals(incident(f).get("id")));
            assertThat(frame.get("new")).isEqualTo(true);
        } finally {
            console.close();
        }
    }

    @Test
    void theSweepDoesNotSendAFinishedIncidentAgain() throws Throwable {
        // Her card settled first (the stub registry has none for her): a card arriving after the
        // resolve is news the console must get, and is not what this test is about.
        UUID alarmId = UUID.randomUUID();
        AlarmEvents.raised(alarmId, UUID.randomUUID().toString(), "PANIC");
        String id = (String) Incidents.awaitWithAlarm(alarmId, "NONE").get("id");
        Console console = connect(DISPATCHER);
        try {
            console.next();
            given().auth().oauth2(DISPATCHER).contentType("application/json")
                    .body("{\"outcome\":\"FALSE_ALARM\",\"categories\":[],\"followUp\":\"NONE\"}")
                    .when().post("/api/incidents/" + id + "/resolve").then().statusCode(200);
            console.nextAbout(f -> id.equals(incident(f).get("id")) && "RESOLVED".equals(incident(f).get("status")));
            VertxContextSupport.<Void>subscribeAndAwait(() -> broadcaster.sweep());
            VertxContextSupport.<Void>subscribeAndAwait(() -> broadcaster.sweep());
            assertThat(console.framesWithin(Duration.ofSeconds(1))).noneMatch(f -> id.equals(incident(f).get("id")));
        } finally {
            console.close();
        }
    }

    @Test
    void onlyDispatchersAndSupervisorsGetThroughTheHandshake() throws Exception {
        assertThatThrownBy(() -> connect(null)).hasMessageContaining("401");
        for (String role : new String[] {"worker", "coordinator", "ops"}) {
            assertThatThrownBy(() -> connect(TestTokens.user("p-" + role, Set.of(role)))).hasMessageContaining("403");
        }
        Console supervisor = connect(TestTokens.user("supervisor-live", Set.of("supervisor")));
        try {
            assertThat(supervisor.next().get("type")).isEqualTo("snapshot");
        } finally {
            supervisor.close();
        }
    }

    /**
     * Issue 12: an alarm that arrives while dispatch's database refuses connections is waited out,
     * never dead-lettered; health says "degraded", the gauge counts it, the connected consoles are
     * told alarms are delayed, and once the database is back the alarm becomes an incident by itself.
     */
    @Test
    void anAlarmWaitsOutADatabaseOutageAndTheConsolesAreToldItIsDelayed() throws Exception {
        Console console = connect(DISPATCHER);
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        try (var superuser = SharedTestInfra.postgres().superuser()) {
            assertThat(console.next().get("type")).isEqualTo("snapshot");
            ServiceDatabases.refuseConnections(superuser, "dispatch");
            try {
                AlarmEvents.raised(alarmId, worker, "PANIC");
                Map<String, Object> delayed = console.nextAbout(frame -> "status".equals(frame.get("type")));
                assertThat(alarms(delayed)).containsEntry("delayed", true);
                assertThat(((Number) alarms(delayed).get("waiting")).longValue()).isPositive();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    String ready = given().when().get("/q/health/ready").then().extract().asString();
                    assertThat(ready).contains("degraded: ");
                    assertThat(waitingGauge()).isPositive();
                });
                // Longer than a few back-offs: nothing gives up on it.
                Thread.sleep(4000);
            } finally {
                ServiceDatabases.allowConnections(superuser, "dispatch");
            }
        }
        try {
            Map<String, Object> flowing = console.nextAbout(frame -> "status".equals(frame.get("type"))
                    && Boolean.FALSE.equals(alarms(frame).get("delayed")));
            assertThat(alarms(flowing)).doesNotContainKey("waiting");
            Incidents.awaitWithAlarm(alarmId, incident -> true);
            assertThat(KafkaTopics.readAll(Topics.ALARM_EVENTS_DEAD_LETTER, r -> worker.equals(r.key()), Duration.ofSeconds(2)))
                    .as("nothing dead-lettered for a passing failure").isEmpty();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(waitingGauge()).isZero());
        } finally {
            console.close();
        }
    }

    private static double waitingGauge() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("alarmcentral_events_waiting{") && line.contains("topic=\"alarm.events\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alarms(Map<String, Object> frame) {
        Object alarms = frame.get("alarms");
        return alarms == null ? Map.of() : (Map<String, Object>) alarms;
    }

    /** An open incident written straight to the database, as another instance would, at version 0. */
    private UUID insertIncident() {
        UUID id = UUID.randomUUID();
        database.execute("INSERT INTO incident (id, worker_id, status, kind, opened_at, last_alarm_at, "
                + "changed_at) VALUES ($1, $2, 'OPEN', 'PANIC', now(), now(), now())", id,
                "worker-" + UUID.randomUUID());
        return id;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> incident(Map<String, Object> frame) {
        Object incident = frame.get("incident");
        return incident == null ? Map.of() : (Map<String, Object>) incident;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> snapshot) {
        return ((List<Map<String, Object>>) snapshot.get("incidents")).stream().map(i -> i.get("id")).toList();
    }

    private Console connect(String token) {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path("/ws/incidents")
                .onTextMessage((connection, text) -> frames.add(text));
        if (token != null) {
            connector = connector.addHeader("Authorization", "Bearer " + token);
        }
        return new Console(connector.connectAndAwait(), frames);
    }

    /** A connected console: the frames it received, in order. */
    private final class Console {

        private final WebSocketClientConnection connection;
        private final BlockingQueue<String> frames;

        Console(WebSocketClientConnection connection, BlockingQueue<String> frames) {
            this.connection = connection;
            this.frames = frames;
        }

        Map<String, Object> next() throws Exception {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            return json.readValue(frame, JSON_OBJECT);
        }

        /** The first frame that matches, skipping others (other tests' incidents change too). */
        Map<String, Object> nextAbout(java.util.function.Predicate<Map<String, Object>> match) {
            return await().atMost(Duration.ofSeconds(10)).until(() -> {
                String frame = frames.poll(200, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    return null;
                }
                Map<String, Object> read = json.readValue(frame, JSON_OBJECT);
                return match.test(read) ? read : null;
            }, found -> found != null);
        }

        /** Every frame that arrives within the time. */
        List<Map<String, Object>> framesWithin(Duration time) throws Exception {
            List<Map<String, Object>> arrived = new java.util.ArrayList<>();
            long end = System.nanoTime() + time.toNanos();
            for (long left = time.toNanos(); left > 0; left = end - System.nanoTime()) {
                String frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null) {
                    arrived.add(json.readValue(frame, JSON_OBJECT));
                }
            }
            return arrived;
        }

        void close() {
            connection.closeAndAwait();
        }
    }
}
