package nl.alarmcentral.registry.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.messaging.PathWarmup;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.registry.Metrics;
import nl.alarmcentral.registry.RegistryDb;

/**
 * Ready means ready: after a start the registry says ready only once its card path ran, and the
 * warm-up left nothing behind: no row of its synthetic workers in any table, no disclosure, no
 * processed event, no registration or binding on the broker, and no disclosure counted.
 */
@QuarkusTest
@TestProfile(CardPathWarmupTest.StartOfItsOwn.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class CardPathWarmupTest {

    /**
     * A start of its own: the readiness answer and the metrics are those of a start that no other
     * test's requests went through.
     */
    public static class StartOfItsOwn implements QuarkusTestProfile {
    }

    private static final String SYNTHETIC = CardPathWarmup.SYNTHETIC_PREFIX + "%";

    @Inject
    CardPathWarmup warmup;

    @Test
    void theCardPathIsWarmWhenTheServiceSaysReadyAndTheWarmUpLeftNothingBehind() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);

        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'alarm path' }.data.'warm-up card path'")).isEqualTo("done");
        PathWarmup.Summary summary = warmup.finished().toCompletableFuture().get(1, TimeUnit.SECONDS);
        // Each round fails unless its card was granted: no failure means the whole path ran.
        assertThat(summary.failure()).isNull();
        assertThat(summary.rounds()).isNotEmpty().hasSizeLessThanOrEqualTo(CardPathWarmup.LIMITS.maxRounds());

        List<String> tables = RegistryDb.tablesWithWorkerId();
        assertThat(tables).contains("worker_key", "worker_profile", "worker_section", "consent_change", "known_incident",
                "disclosure");
        for (String table : tables) {
            assertThat(RegistryDb.count("SELECT count(*) FROM " + table + " WHERE worker_id LIKE ?", SYNTHETIC))
                    .as("rows of synthetic workers in %s", table).isZero();
        }
        assertThat(RegistryDb.count("SELECT count(*) FROM processed_event WHERE event_id LIKE ?", SYNTHETIC)).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE requested_by = ?", CardPathWarmup.REQUESTED_BY))
                .isZero();

        String metrics = Metrics.all();
        List<String> disclosures = Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith("alarmcentral_disclosures_total{")).toList();
        assertThat(disclosures).as("every outcome and reason is a series from the start").hasSizeGreaterThan(1);
        assertThat(disclosures).allSatisfy(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .as(line).isZero());
        assertThat(Metrics.value("alarmcentral_registrations_not_durable_total", "")).isZero();
        assertThat(metrics).doesNotContain(CardPathWarmup.SYNTHETIC_PREFIX);

        assertThat(KafkaTopics.readAll(Topics.WORKER_REGISTRATIONS, record -> mentionsSynthetic(record.key(), record.value()),
                Duration.ofSeconds(3))).isEmpty();
        assertThat(KafkaTopics.readAll(Topics.DEVICE_BINDINGS, record -> mentionsSynthetic(record.key(), record.value()),
                Duration.ofSeconds(3))).isEmpty();
    }

    private static boolean mentionsSynthetic(String key, String value) {
        return (key != null && key.contains(CardPathWarmup.SYNTHETIC_PREFIX))
                || (value != null && value.contains(CardPathWarmup.SYNTHETIC_PREFIX));
    }
}
