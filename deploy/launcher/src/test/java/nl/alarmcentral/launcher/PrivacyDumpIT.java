package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 14's privacy dump suite: no readable copy of her data outside the registry. Tried as a new
 * user would try it on the local stack: a scripted worker registers with a unique marker in every
 * field, consents to everything, starts a safety timer with a note and raises an alarm with a
 * position; a dispatcher opens, handles and closes the incident. During the open incident and after
 * it, the suite dumps the three services' databases with {@code pg_dump}, reads the raw files of
 * PostgreSQL's data folder (tables and WAL, what a backup copies), reads every Kafka topic from its
 * beginning and reads every log of the stack: no marker may appear in any of them. The registry's
 * database holds her data only encrypted, so it is dumped too.
 *
 * <p>Then she withdraws: within a minute no table outside the registry's erasure record names her,
 * and a backup of her keys and data made during her incident opens with no key the stack still
 * holds ({@link KeyTrial}; it does open with her keys before, which proves the trial can open).
 */
@ExtendWith(SharedStack.class)
class PrivacyDumpIT {

    static final String PASSWORD = "privacy-dump-pw";
    static final String CANCEL_PIN = "2468";
    static final String DURESS_PIN = "13579";
    static final Duration SHOWN = Duration.ofSeconds(20);

    private static RunningStack stack;
    private static KeycloakAdmin admin;
    private static SkeletonScenario api;

    @BeforeAll
    static void useTheSharedStack(RunningStack shared) throws Exception {
        requirePgDump();
        stack = shared;
        admin = new KeycloakAdmin(stack.keycloakUrl());
        admin.allowRedirectsTo("worker-app", stack.alarmUrl());
        api = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(), stack.registryUrl());
    }

    @Test
    void noMarkerOfHersIsReadableOutsideTheRegistryDuringOrAfterHerIncident() throws Exception {
        Markers markers = new Markers();
        String username = "dump-" + markers.tag;
        String workerId = admin.createWorker(username, PASSWORD);
        WorkerAppSession app = WorkerAppSession.signIn(stack.alarmUrl(), username, PASSWORD);

        register(app, markers);
        // Another worker, registered and staying: her vault key and data key are among the keys the trial tries.
        String bystander = admin.createWorker("bystander-" + markers.tag, PASSWORD);
        expectOk(WorkerAppSession.signIn(stack.alarmUrl(), "bystander-" + markers.tag, PASSWORD).call("PUT", "/app/registry/me/profile",
                "{\"workingName\":\"Bystander\",\"languages\":[\"nl\"]}"), "the bystander's profile");
        HttpResponse<String> timer = app.call("POST", "/api/me/timers",
                "{\"minutes\":30,\"graceMinutes\":5,\"note\":\"" + markers.add("timerNote", "Room " + markers.tag + " tn") + "\"}");
        assertThat(timer.statusCode()).as("the timer with a note: %s", timer.body()).isEqualTo(201);

        UUID clientRef = UUID.randomUUID();
        HttpResponse<String> press = app.call("POST", "/api/alarms", "{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef
                + "\",\"location\":{\"lat\":" + markers.latitude + ",\"lon\":" + markers.longitude + ",\"accuracyM\":12}}");
        assertThat(press.statusCode()).as("the press: %s", press.body()).isEqualTo(202);

        String dispatcher = api.token("dispatcher1", "dispatcher1-demo");
        Map<String, Object> incident = awaitIncidentWithCardAndPosition(dispatcher, markers);
        String incidentId = String.valueOf(incident.get("id"));
        dispatcherAction(dispatcher, incidentId, "acknowledge", null);

        // A backup made now: her key row and what it opens. The trial opens them with her keys, so it can open.
        KeyTrial keys = new KeyTrial(stack);
        KeyTrial.Copies backup = keys.copy(workerId);
        List<KeyTrial.Opened> openedBefore = keys.tryEveryKey(backup);
        assertThat(openedBefore).as("while she is registered, her copies open with her keys").anySatisfy(opened -> {
            assertThat(opened.what()).startsWith("her data key");
            assertThat(opened.plainText()).isEqualTo(markers.value("workingName"));
        }).anySatisfy(opened -> {
            assertThat(opened.what()).startsWith("her private sealing keyset");
            assertThat(opened.plainText()).contains(markers.latitude);
        });

        Map<String, List<String>> leaks = new LinkedHashMap<>();
        collectLeaks("during her open incident", markers, leaks);

        dispatcherAction(dispatcher, incidentId, "resolve", "{\"outcome\":\"HELP_GIVEN\",\"categories\":[],\"followUp\":\"NONE\"}");
        dispatcherAction(dispatcher, incidentId, "close", null);
        Thread.sleep(5_000); // what happens at the close (retention of positions and notes) has happened
        collectLeaks("after her incident was closed", markers, leaks);

        // Every finding is reported, not only the first: what leaks during and after the incident, and what a
        // withdrawal leaves.
        SoftAssertions findings = new SoftAssertions();
        findings.assertThat(leaks).as("her markers (" + markers.values.keySet() + ") outside the registry's encryption, for worker "
                + workerId).isEmpty();

        // She withdraws: from her "delete everything" until no store outside the registry names her.
        long asked = System.nanoTime();
        HttpResponse<String> withdrawn = app.call("DELETE", "/app/registry/me", null, "X-Alarm-Pin", CANCEL_PIN);
        assertThat(withdrawn.statusCode()).as("her withdrawal: %s", withdrawn.body()).isIn(202, 204);
        Map<String, Set<String>> left = Map.of();
        long deadline = asked + ERASED_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            left = tablesNaming(workerId);
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        System.out.printf("[privacy-dump] from her withdrawal until no table outside the registry's erasure record names her: %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked));
        findings.assertThat(left).as("tables that still name her %s after her withdrawal", ERASED_WITHIN).isEmpty();

        // The backup made during her incident, against every key the stack still holds.
        assertThat(keys.keysHeld()).as("the keys tried include another worker's").containsKeys(
                "the vault key of worker " + bystander, "the data key of worker " + bystander);
        List<KeyTrial.Opened> openedAfter = keys.tryEveryKey(backup);
        while (!openedAfter.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            openedAfter = keys.tryEveryKey(backup);
        }
        System.out.printf("[privacy-dump] from her withdrawal until her backup opens with no key the stack holds (%d keys): %d ms%n",
                keys.keysHeld().size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked));
        findings.assertThat(openedAfter).as("what of her backup from during the incident still opens %s after her withdrawal",
                ERASED_WITHIN).isEmpty();
        findings.assertAll();
    }

    /** How long a withdrawal may take to reach every store (the target on the local stack). */
    static final Duration ERASED_WITHIN = Duration.ofSeconds(60);

    /**
     * The tables of the three databases whose rows still hold her worker id, by database; except the
     * registry's record of her withdrawal in progress ({@code erasure}, kept 10 minutes to refuse
     * writes made with a login she still holds: docs/privacy.md) and dispatch's list of erased ids
     * ({@code erased_worker}, so that nothing fetched for her afterwards is stored again).
     */
    private static Map<String, Set<String>> tablesNaming(String workerId) throws Exception {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        Map<String, Set<String>> allowed = Map.of("registry", Set.of("public.erasure"), "dispatch", Set.of("public.erased_worker"));
        for (String database : List.of("alarm", "dispatch", "registry")) {
            String dump = new String(pgDump(database), StandardCharsets.UTF_8);
            String table = null;
            for (String line : dump.split("\n")) {
                if (line.startsWith("COPY ")) {
                    table = line.substring(5, line.indexOf(' ', 5));
                } else if (line.equals("\\.")) {
                    table = null;
                } else if (table != null && line.contains(workerId)
                        && !allowed.getOrDefault(database, Set.of()).contains(table)) {
                    found.computeIfAbsent(database, d -> new TreeSet<>()).add(table);
                }
            }
        }
        return found;
    }

    /** Her registration, with a marker in every field she can fill, every consent, her PINs. */
    private static void register(WorkerAppSession app, Markers m) throws Exception {
        expectOk(app.call("PUT", "/app/registry/me/profile", "{\"workingName\":\"" + m.add("workingName", "Mira" + m.tag + "wn")
                + "\",\"safetyNote\":\"" + m.add("safetyNote", "note " + m.tag + " sn") + "\",\"languages\":[\"nl\",\"es\"],"
                + "\"callBackNumber\":\"+31 6 " + m.add("callBackNumber", m.digits) + "\",\"liaison\":\"CARE\"}"), "her profile");
        expectOk(app.call("PUT", "/app/registry/me/notes", "{\"doorApproach\":\"" + m.add("doorApproach", "door " + m.tag + " da")
                + "\",\"escapeRoute\":\"" + m.add("escapeRoute", "route " + m.tag + " er") + "\",\"codeWord\":\""
                + m.add("codeWord", "cw" + m.tag + "cw") + "\",\"mayCallBack\":true}"), "her notes");
        expectOk(app.call("PUT", "/app/registry/me/addresses", "{\"addresses\":[{\"label\":\"WORK\",\"address\":\""
                + m.add("address", "Street " + m.tag + " ad") + "\"}]}"), "her addresses");
        expectOk(app.call("PUT", "/app/registry/me/contacts", "{\"contacts\":[{\"name\":\"" + m.add("contactName", "Friend" + m.tag + "cn")
                + "\",\"number\":\"" + m.add("contactNumber", m.contactDigits) + "\",\"relation\":\""
                + m.add("contactRelation", "rel " + m.tag + " cr") + "\",\"inform\":true}]}"), "her contacts");
        expectOk(app.call("PUT", "/app/registry/me/procedure", "{\"steps\":[\"CALL_ME_FIRST\",\"SEND_HELP\"]}"), "her procedure");
        for (String consent : List.of("ALARM_SERVICE", "SHARE_NOTES", "SHARE_ADDRESSES", "INFORM_CONTACTS", "LIAISON_INTRO")) {
            expectOk(app.call("PUT", "/app/registry/me/consents/" + consent, "{\"granted\":true,\"textVersion\":\"v1\"}"),
                    "her consent " + consent);
        }
        expectOk(app.call("PUT", "/app/registry/me/consents/POLICE_FIELDS",
                "{\"granted\":true,\"textVersion\":\"v1\",\"fields\":[\"workingName\",\"addresses\"]}"), "her police fields");
        HttpResponse<String> pins = app.call("PUT", "/api/me/pins",
                "{\"cancelPin\":\"" + CANCEL_PIN + "\",\"duressPin\":\"" + DURESS_PIN + "\"}");
        assertThat(pins.statusCode()).as("her PINs: %s", pins.body()).isBetween(200, 204);
    }

    /** The dispatcher's view of her incident once it shows her card and her alarm's position. */
    private static Map<String, Object> awaitIncidentWithCardAndPosition(String dispatcher, Markers m) throws InterruptedException {
        long deadline = System.nanoTime() + SHOWN.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> active = given().auth().oauth2(dispatcher).when().get(stack.dispatchUrl() + "/api/incidents")
                    .then().statusCode(200).extract().jsonPath().getList("");
            for (Map<String, Object> incident : active) {
                String view = given().auth().oauth2(dispatcher).when()
                        .get(stack.dispatchUrl() + "/api/incidents/" + incident.get("id")).then().statusCode(200).extract().asString();
                if (view.contains(m.value("workingName"))) {
                    last = view;
                    if (view.contains(m.latitude) && view.contains(m.value("codeWord"))) {
                        return incident;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The dispatcher did not see her card and position within " + SHOWN + ": " + last);
    }

    private static void dispatcherAction(String dispatcher, String incidentId, String action, String json) {
        var request = given().auth().oauth2(dispatcher).contentType("application/json");
        if (json != null) {
            request = request.body(json);
        }
        request.when().post(stack.dispatchUrl() + "/api/incidents/" + incidentId + "/" + action).then().statusCode(200);
    }

    /** Every copy outside the registry's encryption, searched for every marker; what was found, by where. */
    private static void collectLeaks(String moment, Markers markers, Map<String, List<String>> leaks) throws Exception {
        Map<String, byte[]> copies = new LinkedHashMap<>();
        for (String database : List.of("alarm", "dispatch", "registry")) {
            copies.put("pg_dump of " + database, pgDump(database));
        }
        Path postgresData = stack.dataDir.resolve("postgres");
        copies.putAll(filesUnder(postgresData, "PostgreSQL's files (tables, WAL)"));
        copies.putAll(kafkaTopics());
        copies.putAll(filesUnder(stack.dataDir.resolve("logs"), "log"));
        for (Map.Entry<String, byte[]> copy : copies.entrySet()) {
            String text = new String(copy.getValue(), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> marker : markers.values.entrySet()) {
                if (text.contains(marker.getValue())) {
                    leaks.computeIfAbsent(moment + ": " + marker.getKey(), k -> new ArrayList<>()).add(copy.getKey());
                }
            }
        }
        System.out.printf("[privacy-dump] %s: searched %d copies (%d bytes)%n", moment, copies.size(),
                copies.values().stream().mapToLong(bytes -> bytes.length).sum());
    }

    private static byte[] pgDump(String database) throws IOException, InterruptedException {
        Process dump = new ProcessBuilder("pg_dump", "--no-password", "-h", "127.0.0.1", "-p", "" + stack.postgres, "-U",
                "postgres", "-d", database).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = dump.getInputStream().readAllBytes();
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).as("pg_dump of %s ends", database).isTrue();
        assertThat(dump.exitValue()).as("pg_dump of %s", database).isZero();
        assertThat(out.length).as("pg_dump of %s wrote something", database).isGreaterThan(1000);
        return out;
    }

    private static Map<String, byte[]> filesUnder(Path root, String what) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                try {
                    files.put(what + " " + root.relativize(file), Files.readAllBytes(file));
                } catch (IOException gone) {
                    // A temporary file PostgreSQL removed while we walked: nothing to read.
                }
            }
        }
        assertThat(files).as("%s under %s", what, root).isNotEmpty();
        return files;
    }

    /** Every record of every topic, from the beginning: key, value and headers, per topic. */
    private static Map<String, byte[]> kafkaTopics() throws Exception {
        String bootstrap = "127.0.0.1:" + stack.kafka;
        Set<String> topics;
        try (Admin kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = new TreeSet<>(kafkaAdmin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get(30, TimeUnit.SECONDS));
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, java.io.ByteArrayOutputStream> perTopic = new HashMap<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                assertThat(System.nanoTime()).as("every topic read to its end within 60 s").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    java.io.ByteArrayOutputStream out = perTopic.computeIfAbsent(record.topic(), t -> new java.io.ByteArrayOutputStream());
                    if (record.key() != null) {
                        out.writeBytes(record.key());
                    }
                    if (record.value() != null) {
                        out.writeBytes(record.value());
                    }
                    for (Header header : record.headers()) {
                        out.writeBytes(header.key().getBytes(StandardCharsets.UTF_8));
                        if (header.value() != null) {
                            out.writeBytes(header.value());
                        }
                    }
                    out.write('\n');
                }
            }
        }
        System.out.printf("[privacy-dump] read %d records of %d topics%n", records, topics.size());
        Map<String, byte[]> copies = new LinkedHashMap<>();
        perTopic.forEach((topic, bytes) -> copies.put("topic " + topic, bytes.toByteArray()));
        return copies;
    }

    private static void expectOk(HttpResponse<String> answer, String what) {
        assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isBetween(200, 204);
    }

    /** pg_dump of PostgreSQL 14 or later (the stack's server is 14), as Debian's postgresql-client installs it. */
    private static void requirePgDump() throws InterruptedException {
        boolean present;
        try {
            Process version = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            present = version.waitFor() == 0;
        } catch (IOException missing) {
            present = false;
        }
        RequiredTool.require(present, "pg_dump is not installed: apt-get install -y postgresql-client (.ci/run does this)",
                "alarmcentral.require-pg-dump");
    }

    /**
     * Her values, each unique to this run and distinctive enough that finding it anywhere means a
     * copy of her data: named by field, so a failure says which field leaked where.
     */
    private static final class Markers {
        final String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        final String digits = randomDigits(8);
        final String contactDigits = "06" + randomDigits(8);
        final String latitude = "52." + randomDigits(6) + "7";
        final String longitude = "4." + randomDigits(6) + "3";
        final Map<String, String> values = new LinkedHashMap<>();

        Markers() {
            values.put("latitude", latitude);
            values.put("longitude", longitude);
            // As PostgreSQL stores a double precision column in its pages and WAL: 8 bytes, little-endian.
            values.put("latitude as stored", storedDouble(latitude));
            values.put("longitude as stored", storedDouble(longitude));
        }

        /** A double's 8 bytes as a column holds them, as ISO-8859-1 text (how the copies are searched). */
        private static String storedDouble(String decimal) {
            byte[] bytes = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putDouble(Double.parseDouble(decimal)).array();
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        String add(String field, String value) {
            values.put(field, value);
            return value;
        }

        String value(String field) {
            return values.get(field);
        }

        private static String randomDigits(int count) {
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < count; i++) {
                digits.append(ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10));
            }
            return digits.toString();
        }
    }
}
