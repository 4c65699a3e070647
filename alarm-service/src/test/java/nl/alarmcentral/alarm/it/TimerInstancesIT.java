package nl.alarmcentral.alarm.it;

import static io.restassured.RestAssured.given;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.column;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.eventsOf;
import static nl.alarmcentral.alarm.PinsAndTimersSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import nl.alarmcentral.alarm.PinsAndTimersSupport;
import nl.alarmcentral.alarm.SealingTestSupport;
import nl.alarmcentral.alarm.service.AlarmIds;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.HttpReadiness;
import nl.alarmcentral.infra.Ports;
import nl.alarmcentral.infra.PostgresServer;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;

/**
 * Two real alarm-service processes (the packaged application) on one database and one broker,
 * as in a deployment with two replicas: every timer that runs out is exactly one
 * {@code checkin.missed} event, also while both check side by side, and also after one of them
 * is killed without warning (SIGKILL, no shutdown) with timers it had created.
 */
class TimerInstancesIT {

    private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private static OidcWiremockTestResource oidc;
    private static String oidcUrl;
    private static final List<ChildProcess> instances = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        assertThat(APP).as("the packaged application (runs after package)").exists();
        SharedTestInfra.kafka();
        SharedTestInfra.postgres();
        oidc = new OidcWiremockTestResource();
        oidcUrl = oidc.start().get("keycloak.url");
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        for (String name : List.of("alarm-a", "alarm-b")) {
            Files.deleteIfExists(logs.resolve(name + ".log"));
            int port = Ports.free();
            ports.add(port);
            instances.add(ChildProcess.start(name,
                    List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", APP.toAbsolutePath().toString()),
                    environment(port), Path.of("."), logs.resolve(name + ".log"), line -> false, false));
        }
        for (int i = 0; i < instances.size(); i++) {
            HttpReadiness.await(instances.get(i), URI.create(base(i) + "/q/health/ready"), Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopInstances() {
        instances.forEach(ChildProcess::close);
        if (oidc != null) {
            oidc.stop();
        }
    }

    private static Map<String, String> environment(int port) {
        PostgresServer postgres = SharedTestInfra.postgres();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("alarm"));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("alarm"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "alarm");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "alarm");
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedTestInfra.kafka().bootstrapServers());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidcUrl + "/realms/quarkus");
        // The audience of TestTokens; the prod profile requires alarm-service's own (issue 14).
        env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", "https://service.example.com");
        env.put("ALARM_PINS_PEPPER", "aXQtb25seS1waW4tcGVwcGVyLW9mLWF0LWxlYXN0LTMyLWJ5dGVzIQ==");
        env.put("ALARM_DEVICES_BINDING_KEY", "ZGV2aWNlLWJpbmRpbmcta2V5LWZvci10ZXN0cy0wMDE=");
        env.put("WORKER_APP_CLIENT_SECRET", "secret");
        env.put("ALARM_TIMERS_CHECK_INTERVAL", "1s");
        // Behaviour, not cost, is tested here (PinHasherTest checks the cost).
        env.put("ALARM_PINS_ITERATIONS", "10000");
        return env;
    }

    private static String base(int instance) {
        return "http://127.0.0.1:" + ports.get(instance);
    }

    @Test
    void everyTimerFiresOnceWithTwoInstancesAndAfterOneIsKilled() throws Exception {
        TestTokens.Subject worker = TestTokens.newWorker();
        // Her notes are sealed to her public keyset: known as if her registration had been received.
        SealingTestSupport.withKey(worker.id());
        given().baseUri(base(0)).auth().oauth2(worker.token()).contentType(ContentType.JSON)
                .body("{\"cancelPin\":\"4719\",\"duressPin\":\"90817\"}")
                .when().put("/api/me/pins").then().statusCode(200);

        // Both instances check every second; twenty timers fall due at the same moment.
        List<UUID> firstRound = startTimers(worker, 20, 0, 1);
        makeDue(worker);
        await().atMost(Duration.ofSeconds(30)).until(() -> missed(worker) == firstRound.size());
        assertOneMissedCheckInPerTimer(worker, firstRound);

        // Timers started on both; then one instance dies without a shutdown, and they fall due.
        List<UUID> secondRound = startTimers(worker, 10, 0, 1);
        ChildProcess killed = instances.get(0);
        ProcessHandle.of(killed.pid()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(killed.pid()).ifPresent(handle -> handle.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        assertThat(killed.isAlive()).isFalse();
        makeDue(worker);
        await().atMost(Duration.ofSeconds(30)).until(() -> missed(worker) == firstRound.size() + secondRound.size());

        List<UUID> all = new ArrayList<>(firstRound);
        all.addAll(secondRound);
        assertOneMissedCheckInPerTimer(worker, all);
        assertThat(instances.get(1).isAlive()).isTrue();
        for (ChildProcess instance : instances) {
            System.out.printf("%s fired %d timer(s)%n", instance.name(),
                    Files.readAllLines(instance.logFile()).stream().filter(line -> line.contains("ran out: alarm")).count());
        }
    }

    /** Starts timers, alternating over the given instances. */
    private static List<UUID> startTimers(TestTokens.Subject worker, int count, int... on) {
        List<UUID> timers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = given().baseUri(base(on[i % on.length])).auth().oauth2(worker.token()).contentType(ContentType.JSON)
                    .body("{\"minutes\":5,\"graceMinutes\":0,\"note\":\"room " + i + "\"}")
                    .when().post("/api/me/timers").then().statusCode(201).extract().path("id");
            timers.add(UUID.fromString(id));
        }
        return timers;
    }

    /** Moves her running timers' expected end into the past, as if the minutes had gone by. */
    private static void makeDue(TestTokens.Subject worker) {
        sql("UPDATE safety_timer SET expected_end = now() - interval '1 second' WHERE worker_id = ? AND state = 'ACTIVE'",
                worker.id());
    }

    private static int missed(TestTokens.Subject worker) {
        return column("SELECT timer_id FROM safety_timer WHERE worker_id = ? AND state = 'MISSED'", worker.id()).size();
    }

    private static void assertOneMissedCheckInPerTimer(TestTokens.Subject worker, List<UUID> timers) {
        List<ConsumerRecord<String, String>> events = eventsOf(worker, Duration.ofSeconds(3));
        assertThat(PinsAndTimersSupport.typesOf(events)).containsOnly(EventTypes.CHECKIN_MISSED);
        Set<String> expected = timers.stream().map(t -> AlarmIds.of(worker.id(), t).toString()).collect(Collectors.toSet());
        List<String> ids = events.stream().map(e -> KafkaTopics.header(e, "ce_id")).toList();
        assertThat(ids).as("one event per timer, none twice").hasSize(timers.size())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(events).allSatisfy(e -> assertThat(e.value()).contains("\"hasDetails\":true").doesNotContain("room"));
    }
}
