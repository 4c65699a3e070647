package nl.alarmcentral.registry.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.core.Vertx;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.OnVertx;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;
import nl.alarmcentral.registry.service.RetentionJob;

/**
 * Records that name people without a registration go after the retention period; a registered
 * worker's own log stays as long as her registration, and so do the incidents it names (their
 * closing decides when she sees the entry).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class RetentionTest {

    @Inject
    RetentionJob retention;

    @Inject
    Vertx vertx;

    @Test
    void recordsAboutUnregisteredIdsAndClosedIncidentsGoHerLogAndItsIncidentsStay() {
        String unregistered = UUID.randomUUID().toString();
        UUID incident = Incidents.open(unregistered);
        Incidents.card(unregistered, incident).statusCode(404);
        Incidents.close(incident, unregistered);
        TestTokens.Subject worker = Workers.registered("Kept");
        UUID hers = Incidents.open(worker.id());
        Incidents.card(worker.id(), hers).statusCode(404);

        Instant cutoff = Instant.now();
        OnVertx.await(vertx, () -> retention.purge(cutoff));

        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE worker_id = ?", unregistered)).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM known_incident WHERE incident_id = ?", incident)).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM processed_event WHERE processed_at < ?",
                java.sql.Timestamp.from(cutoff))).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM disclosure WHERE worker_id = ?", worker.id())).isEqualTo(1);
        assertThat(RegistryDb.count("SELECT count(*) FROM known_incident WHERE incident_id = ?", hers)).isEqualTo(1);
    }
}
