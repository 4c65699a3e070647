package nl.alarmcentral.dispatch.messaging;

import static nl.alarmcentral.dispatch.Incidents.awaitWithAlarm;
import static nl.alarmcentral.dispatch.Incidents.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.dispatch.AlarmEvents;
import nl.alarmcentral.dispatch.AlarmServiceStubResource;
import nl.alarmcentral.dispatch.Incidents;
import nl.alarmcentral.dispatch.RegistryStubResource;
import nl.alarmcentral.infra.DeadLetterRedrive;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.SharedTestInfra;

/**
 * An alarm parked on {@code alarm.events.dlq} becomes an incident when it is re-driven
 * ({@link DeadLetterRedrive}, {@code deploy/ops/redrive.sh}), once, however often it is re-driven;
 * what the failure strategy did not park is refused. Real broker and database; the records on the
 * dead-letter topic carry the headers SmallRye's dead-letter strategy writes.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(RegistryStubResource.class)
@QuarkusTestResource(AlarmServiceStubResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dispatch"))
class DeadLetterRedriveTest {

    private static final TopicPartition DLQ = new TopicPartition(Topics.ALARM_EVENTS_DEAD_LETTER, 0);

    /** A group of this test's own, starting at the current end: other tests' dead letters are not ours to re-drive. */
    private String group;

    @BeforeEach
    void freshGroupAtTheEndOfTheDeadLetterTopic() throws Exception {
        group = "redrive-test-" + UUID.randomUUID();
        commit(group, endOfDeadLetterTopic());
    }

    @Test
    void aParkedAlarmIsListedThenRedrivenIntoAnIncident() throws Exception {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        long parkedAt = endOfDeadLetterTopic();
        String payload = park(worker, alarmId, Topics.ALARM_EVENTS);

        // A dry run lists it, publishes nothing and commits nothing.
        Run dry = redrive("--dry-run");
        assertThat(dry.exitCode()).isEqualTo(DeadLetterRedrive.EXIT_OK);
        assertThat(dry.output()).contains("1 record(s) not re-driven yet", "offset " + parkedAt, "type " + EventTypes.ALARM_RAISED,
                "id " + alarmId, "from alarm.events/2@4711", "reason \"Database unavailable\"", "would be re-driven to alarm.events");
        assertThat(committed(group)).isEqualTo(parkedAt);
        assertThat(onAlarmEvents(alarmId)).isEmpty();

        Run run = redrive();

        assertThat(run.exitCode()).isEqualTo(DeadLetterRedrive.EXIT_OK);
        assertThat(run.output()).contains("offset " + parkedAt, "id " + alarmId, "re-driven to alarm.events",
                "1 re-driven, 0 refused, 0 left for a later run");
        // Metadata only: neither the key (her id) nor the payload is printed.
        assertThat(run.output()).doesNotContain(worker).doesNotContain("raisedAt");
        Map<String, Object> incident = awaitWithAlarm(alarmId, "NONE");
        assertThat(incident.get("status")).isEqualTo("OPEN");
        assertThat(incident.get("kind")).isEqualTo("PANIC");
        assertThat(path(incident, "alarms.alarmId")).isEqualTo(List.of(alarmId.toString()));
        // The copy on alarm.events: same key, value and CloudEvent headers, no dead-letter-* headers, marked as re-driven.
        ConsumerRecord<String, String> copy = onAlarmEvents(alarmId).get(0);
        assertThat(copy.key()).isEqualTo(worker);
        assertThat(copy.value()).isEqualTo(payload);
        assertThat(KafkaTopics.header(copy, "ce_type")).isEqualTo(EventTypes.ALARM_RAISED);
        assertThat(KafkaTopics.header(copy, "ce_source")).isEqualTo(EventTypes.SOURCE_ALARM_SERVICE);
        assertThat(copy.headers()).noneMatch(h -> h.key().startsWith("dead-letter-"));
        assertThat(Instant.parse(KafkaTopics.header(copy, DeadLetterRedrive.REDRIVEN_AT_HEADER)))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
        // Committed after the broker took the copy: the next run finds nothing.
        assertThat(committed(group)).isEqualTo(parkedAt + 1);
        Run again = redrive();
        assertThat(again.exitCode()).isEqualTo(DeadLetterRedrive.EXIT_OK);
        assertThat(again.output()).contains("0 record(s) not re-driven yet", "Nothing to re-drive.");
    }

    @Test
    void reDrivingTheSameAlarmTwiceRecordsItOnce() throws Exception {
        String worker = UUID.randomUUID().toString();
        UUID alarmId = UUID.randomUUID();
        long parkedAt = endOfDeadLetterTopic();
        park(worker, alarmId, Topics.ALARM_EVENTS);
        assertThat(redrive().exitCode()).isEqualTo(DeadLetterRedrive.EXIT_OK);
        awaitWithAlarm(alarmId, "NONE");

        // As after a run that stopped before it could commit: the group is back before the record.
        commit(group, parkedAt);
        assertThat(redrive().exitCode()).isEqualTo(DeadLetterRedrive.EXIT_OK);
        UUID later = UUID.randomUUID();
        AlarmEvents.raised(later, worker, "PANIC");

        // One worker's events are consumed in order: once the later alarm shows, the second copy was consumed.
        Map<String, Object> incident = awaitWithAlarm(later, "NONE");
        assertThat(path(incident, "alarms.alarmId")).isEqualTo(List.of(alarmId.toString(), later.toString()));
        assertThat(onAlarmEvents(alarmId)).hasSize(2);
    }

    @Test
    void recordsTheFailureStrategyDidNotParkAreRefusedAndDoNotHoldUpTheOthers() throws Exception {
        String worker = UUID.randomUUID().toString();
        UUID withoutOrigin = UUID.randomUUID();
        UUID fromAnotherTopic = UUID.randomUUID();
        UUID parked = UUID.randomUUID();
        long first = endOfDeadLetterTopic();
        park(worker, withoutOrigin, null);
        park(worker, fromAnotherTopic, Topics.INCIDENT_EVENTS);
        park(worker, parked, Topics.ALARM_EVENTS);

        Run run = redrive();

        assertThat(run.exitCode()).isEqualTo(DeadLetterRedrive.EXIT_REFUSED);
        assertThat(run.output()).contains(
                "offset " + first + " ", "REFUSED: no dead-letter-topic header",
                "offset " + (first + 1) + " ", "REFUSED: dead-letter-topic is incident.events, but alarm.events.dlq parks events of alarm.events",
                "1 re-driven, 2 refused, 0 left for a later run");
        assertThat(awaitWithAlarm(parked, "NONE").get("status")).isEqualTo("OPEN");
        assertThat(onAlarmEvents(withoutOrigin)).isEmpty();
        assertThat(onAlarmEvents(fromAnotherTopic)).isEmpty();
        assertThat(KafkaTopics.readAll(Topics.INCIDENT_EVENTS, r -> fromAnotherTopic.toString().equals(KafkaTopics.header(r, "ce_id")),
                Duration.ofSeconds(1))).isEmpty();
        assertThat(Incidents.withAlarm(withoutOrigin)).isEmpty();
        // They stay on the dead-letter topic; the group moved past them, as a later run would only refuse them again.
        assertThat(committed(group)).isEqualTo(first + 3);
    }

    @Test
    void maxLeavesTheRestForALaterRun() throws Exception {
        String worker = UUID.randomUUID().toString();
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        long first = endOfDeadLetterTopic();
        park(worker, one, Topics.ALARM_EVENTS);
        park(worker, two, Topics.ALARM_EVENTS);

        Run run = redrive("--max", "1");

        assertThat(run.output()).contains("2 record(s) not re-driven yet", "1 re-driven, 0 refused, 1 left for a later run");
        assertThat(committed(group)).isEqualTo(first + 1);
        assertThat(redrive().output()).contains("id " + two, "1 re-driven, 0 refused, 0 left for a later run");
        Map<String, Object> incident = awaitWithAlarm(one, i -> ((List<?>) i.get("alarms")).size() == 2);
        assertThat(path(incident, "alarms.alarmId")).isEqualTo(List.of(one.toString(), two.toString()));
    }

    /** Runs the tool as deploy/ops/redrive.sh does, against the test broker, with this test's group. */
    private Run redrive(String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", SharedTestInfra.kafka().bootstrapServers(),
                "--topic", Topics.ALARM_EVENTS_DEAD_LETTER, "--group", group));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DeadLetterRedrive.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {
    }

    /**
     * Parks an alarm.raised event as dispatch's dead-letter strategy would: the original key, value
     * and CloudEvent headers, plus SmallRye's dead-letter-* headers ({@code originalTopic} null: none).
     * Returns the payload, as alarm-service writes it for a panic alarm from the app (docs/events.md).
     */
    private static String park(String worker, UUID alarmId, String originalTopic) {
        String payload = "{\"alarmId\":\"" + alarmId + "\",\"workerId\":\"" + worker
                + "\",\"kind\":\"PANIC\",\"channel\":\"APP\",\"raisedAt\":\"" + Instant.now() + "\",\"hasDetails\":false}";
        Map<String, String> headers = new HashMap<>(Map.of("ce_specversion", "1.0", "ce_id", alarmId.toString(),
                "ce_type", EventTypes.ALARM_RAISED, "ce_source", EventTypes.SOURCE_ALARM_SERVICE, "content-type", "application/json",
                "dead-letter-exception-class-name", "io.vertx.pgclient.PgException",
                "dead-letter-reason", "Database unavailable", "dead-letter-partition", "2", "dead-letter-offset", "4711"));
        if (originalTopic != null) {
            headers.put("dead-letter-topic", originalTopic);
        }
        KafkaTopics.send(Topics.ALARM_EVENTS_DEAD_LETTER, worker, payload, headers);
        return payload;
    }

    private static List<ConsumerRecord<String, String>> onAlarmEvents(UUID alarmId) {
        return KafkaTopics.readAll(Topics.ALARM_EVENTS, r -> alarmId.toString().equals(KafkaTopics.header(r, "ce_id")),
                Duration.ofSeconds(1));
    }

    private static long endOfDeadLetterTopic() throws Exception {
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(DLQ, OffsetSpec.latest())).partitionResult(DLQ).get().offset();
        }
    }

    private static long committed(String group) throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(DLQ);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static void commit(String group, long offset) throws Exception {
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(DLQ, new OffsetAndMetadata(offset))).all().get();
        }
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers());
        return Admin.create(props);
    }
}
