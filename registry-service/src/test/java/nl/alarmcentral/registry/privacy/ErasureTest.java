package nl.alarmcentral.registry.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.KafkaTopics;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.DeviceTestSupport;
import nl.alarmcentral.registry.ErasedWorkers;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.KeycloakStub;
import nl.alarmcentral.registry.Metrics;
import nl.alarmcentral.registry.Registrations;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Section;
import nl.alarmcentral.registry.Workers;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.crypto.WorkerKeyVault;
import nl.alarmcentral.registry.service.PersonalFields;

/**
 * Withdrawal: her data key and her private sealing keyset are destroyed first, then every row about her, the other services are
 * told (tombstone), and her account is deleted; nothing of her can be read afterwards with any key
 * the service has, and a step that fails is retried until done.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class ErasureTest {

    /** Every name a ciphertext of hers can be bound to. */
    private static final List<String> FIELDS = List.of(PersonalFields.WORKING_NAME, PersonalFields.SAFETY_NOTE,
            PersonalFields.LANGUAGES, PersonalFields.CALL_BACK_NUMBER, PersonalFields.LIAISON, PersonalFields.CONSENT,
            PersonalFields.section(Section.NOTES), PersonalFields.section(Section.ADDRESSES),
            PersonalFields.section(Section.CONTACTS), PersonalFields.section(Section.PROCEDURE));

    private static final byte[] POSITION = "52.0907,5.1214".getBytes(StandardCharsets.UTF_8);
    private static final byte[] POSITION_AAD = "alarm-1\u0000alarm-position".getBytes(StandardCharsets.UTF_8);

    @OidcWireMock
    WireMockServer keycloak;

    @Inject
    EnvelopeCrypto crypto;

    @Inject
    RegistryConfig config;

    @Inject
    ErasedWorkers observer;

    @Inject
    WorkerKeyVault vault;

    @BeforeEach
    void keycloakDeletesAccounts() {
        KeycloakStub.acceptDeletions(keycloak);
    }

    @Test
    void afterWithdrawalNothingOfHerIsReadableOrLeft() {
        TestTokens.Subject worker = Workers.withEverything("erase1");
        UUID incident = Incidents.open(worker.id());
        Incidents.card(worker.id(), incident).statusCode(200);
        Workers.get(worker, "/api/me/export").statusCode(200);

        // Copied aside, as a backup or an attacker would have them.
        Map<String, Object> herKeyRow = RegistryDb.rows("SELECT * FROM worker_key WHERE worker_id = ?", worker.id()).get(0);
        byte[] wrappedKey = (byte[]) herKeyRow.get("wrapped_key");
        byte[] wrappedKeyset = (byte[]) herKeyRow.get("sealing_private_keyset");
        List<byte[]> ciphertexts = ciphertextsOf(worker.id());
        assertThat(ciphertexts).hasSizeGreaterThanOrEqualTo(11);
        assertThat(herKeyRow.get("wrapped_by_vault_key")).isEqualTo(true);
        assertThatThrownBy(() -> crypto.unwrap(crypto.master(), worker.id(), wrappedKey)).as("the master key alone does not open her row")
                .isInstanceOf(IllegalStateException.class);
        SecretKey herKey = crypto.unwrap(vault.find(worker.id()).orElseThrow(), worker.id(), wrappedKey);
        assertThat(ciphertexts).as("readable before").allSatisfy(c -> assertThat(opens(herKey, worker.id(), c)).isTrue());
        // What another service sealed to her public keyset (from her registration) opens only with her private keyset.
        byte[] sealedPosition = WorkerSealing.seal(Registrations.publicKeyset(worker.id()), POSITION, POSITION_AAD);
        assertThat(opensSealed(sealedPosition)).as("opens before").isTrue();
        assertThat(opensCopiedRow(worker.id(), wrappedKey, wrappedKeyset, sealedPosition)).as("her copied row opens before").isTrue();

        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(204);

        assertThat(RegistryDb.count("SELECT count(*) FROM worker_key WHERE worker_id = ?", worker.id())).isZero();
        assertThat(RegistryDb.rows("SELECT wrapped_key FROM worker_key"))
                .noneSatisfy(row -> assertThat(Arrays.equals((byte[]) row.get("wrapped_key"), wrappedKey)).isTrue());
        for (String table : RegistryDb.tablesWithWorkerId()) {
            long expected = table.equals("erasure") ? 1 : 0;
            assertThat(RegistryDb.count("SELECT count(*) FROM " + table + " WHERE worker_id = ?", worker.id()))
                    .as(table).isEqualTo(expected);
        }
        assertThat(RegistryDb.rows("SELECT * FROM erasure WHERE worker_id = ?", worker.id()).get(0))
                .as("only her id and timestamps").containsOnlyKeys("worker_id", "requested_at", "key_destroyed_at", "vault_key_destroyed_at",
                        "data_deleted_at", "tombstone_published_at", "account_deleted_at", "attempts", "next_attempt_at");
        for (SecretKey key : keysTheServiceHas()) {
            for (byte[] ciphertext : ciphertexts) {
                assertThat(opens(key, worker.id(), ciphertext)).isFalse();
            }
        }
        assertThat(opensSealed(sealedPosition)).as("no sealing keyset the service still has opens it").isFalse();
        // A copy of her key row made before (a backup, WAL) opens with no key the service still has.
        assertThat(vault.find(worker.id())).as("her vault key").isEmpty();
        assertThat(opensCopiedRow(worker.id(), wrappedKey, wrappedKeyset, sealedPosition)).as("her copied row opens after").isFalse();
        assertThat(observer.ranFor(worker.id())).as("WorkerErasedEvent observers ran").isTrue();

        // Within the hold: a token she still holds reads nothing and stores nothing; a card request is refused.
        Workers.get(worker, "/api/me/profile").statusCode(404);
        Workers.get(worker, "/api/me/consents").statusCode(200).body("history", equalTo(List.of()));
        Workers.put(worker, "/api/me/profile", "{\"workingName\":\"Back again\"}").statusCode(409);
        Workers.put(worker, "/api/me/consents/ALARM_SERVICE", "{\"granted\":true,\"textVersion\":\"v1\"}").statusCode(409);
        Incidents.card(worker.id(), Incidents.open(worker.id())).statusCode(404);

        List<ConsumerRecord<String, String>> tombstones = KafkaTopics.readAll(Topics.WORKER_REGISTRATIONS,
                record -> worker.id().equals(record.key()) && record.value() == null, Duration.ofSeconds(4));
        assertThat(tombstones).singleElement().satisfies(record -> {
            assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(EventTypes.WORKER_ERASED);
            assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo(EventTypes.SOURCE_REGISTRY_SERVICE);
            assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaTopics.header(record, "ce_id")).isNotBlank();
        });
        assertThat(KeycloakStub.deletionsOf(keycloak, worker.id())).singleElement()
                .satisfies(request -> assertThat(request.getHeader("Authorization")).startsWith("Bearer "));

        // After the hold, even the record of the withdrawal (and the refusal just made) is gone.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String table : RegistryDb.tablesWithWorkerId()) {
                assertThat(RegistryDb.count("SELECT count(*) FROM " + table + " WHERE worker_id = ?", worker.id()))
                        .as(table).isZero();
            }
        });
    }

    @Test
    void aStepThatFailsIsRetriedWhileHerDataIsAlreadyUnreadable() {
        TestTokens.Subject worker = Workers.withEverything("erase2");
        KeycloakStub.failDeletionOf(keycloak, worker.id());
        double failures = Metrics.value("alarmcentral_erasure_step_failures_total", "step=\"account\"");

        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(202)
                .body("keyDestroyed", equalTo(true))
                .body("backupsUnreadable", equalTo(true))
                .body("dataDeleted", equalTo(true))
                .body("othersNotified", equalTo(true))
                .body("accountDeleted", equalTo(false));

        assertThat(RegistryDb.count("SELECT count(*) FROM worker_key WHERE worker_id = ?", worker.id())).isZero();
        assertThat(RegistryDb.count("SELECT count(*) FROM worker_profile WHERE worker_id = ?", worker.id())).isZero();
        assertThat(Metrics.value("alarmcentral_erasure_step_failures_total", "step=\"account\"")).isGreaterThan(failures);

        KeycloakStub.acceptDeletionOf(keycloak, worker.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> RegistryDb.count(
                "SELECT count(*) FROM erasure WHERE worker_id = ? AND account_deleted_at IS NULL", worker.id()) == 0);
        assertThat(KeycloakStub.deletionsOf(keycloak, worker.id())).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void herKeyRowRestoredFromABackupMadeBeforeHerWithdrawalOpensNothingAndTakesNoWrite() throws Exception {
        TestTokens.Subject worker = Workers.registered("Restored");
        String backup = "backup_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE TABLE " + backup + " (LIKE worker_key)");
        DeviceTestSupport.update("INSERT INTO " + backup + " SELECT * FROM worker_key WHERE worker_id = ?", worker.id());
        try {
            given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(204);
            // The restore: her key row is back, her vault key is not.
            DeviceTestSupport.update("INSERT INTO worker_key SELECT * FROM " + backup + " WHERE worker_id = ?", worker.id());

            Workers.get(worker, "/api/me/profile").statusCode(404);
            Workers.put(worker, "/api/me/profile", "{\"workingName\":\"Back again\"}").statusCode(409);
            assertThat(opensSealed(WorkerSealing.seal(Registrations.publicKeyset(worker.id()), POSITION, POSITION_AAD))).isFalse();
        } finally {
            DeviceTestSupport.update("DELETE FROM worker_key WHERE worker_id = ?", worker.id());
            execute("DROP TABLE " + backup);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection db = RegistryDb.connect(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void someoneWithoutARegistrationCanWithdrawToo() {
        TestTokens.Subject worker = TestTokens.newWorker();
        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(204);
        assertThat(KeycloakStub.deletionsOf(keycloak, worker.id())).hasSize(1);
    }

    @Test
    void aSecondWithdrawalIsHarmless() {
        TestTokens.Subject worker = Workers.registered("Twice");
        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(204);
        given().auth().oauth2(worker.token()).when().delete("/api/me").then().statusCode(204);
        Workers.get(worker, "/api/me/profile").statusCode(404);
    }

    /** Whether any private sealing keyset still stored opens the sealed bytes. */
    private boolean opensSealed(byte[] sealed) {
        for (Map<String, Object> row : RegistryDb.rows("SELECT worker_id, sealing_private_keyset FROM worker_key "
                + "WHERE sealing_private_keyset IS NOT NULL")) {
            try {
                String owner = (String) row.get("worker_id");
                if (vault.find(owner).isEmpty()) {
                    continue;
                }
                crypto.openSealed(wrappingOf(owner), owner, (byte[]) row.get("sealing_private_keyset"), sealed, POSITION_AAD);
                return true;
            } catch (CryptoException e) {
                // not this one
            }
        }
        return false;
    }

    /** Every personal ciphertext in rows about her. */
    private static List<byte[]> ciphertextsOf(String workerId) {
        List<byte[]> found = new ArrayList<>();
        for (String table : RegistryDb.tablesWithWorkerId()) {
            if (table.equals("worker_key")) {
                continue;
            }
            for (Map<String, Object> row : RegistryDb.rows("SELECT * FROM " + table + " WHERE worker_id = ?", workerId)) {
                row.values().stream().filter(byte[].class::isInstance).map(byte[].class::cast).forEach(found::add);
            }
        }
        return found;
    }

    /** The master key and every data key still stored. */
    private List<SecretKey> keysTheServiceHas() {
        List<SecretKey> keys = new ArrayList<>();
        keys.add(new SecretKeySpec(Base64.getDecoder().decode(config.crypto().masterKey()), "AES"));
        for (Map<String, Object> row : RegistryDb.rows("SELECT worker_id, wrapped_key FROM worker_key")) {
            String owner = (String) row.get("worker_id");
            keys.add(crypto.unwrap(wrappingOf(owner), owner, (byte[]) row.get("wrapped_key")));
        }
        return keys;
    }

    /** The rings the service holds that wrap keys: the master ring, and every worker's vault key in the vault. */
    private List<KeyRing> wrappingKeysTheServiceHas() {
        List<KeyRing> rings = new ArrayList<>();
        rings.add(crypto.master());
        for (Map<String, Object> row : RegistryDb.rows("SELECT worker_id FROM worker_key")) {
            vault.find((String) row.get("worker_id")).ifPresent(rings::add);
        }
        return rings;
    }

    /**
     * Whether a copy of her key row (wrapped data key and private sealing keyset) opens with any
     * wrapping key the service has: her data key unwraps, or her keyset opens what was sealed to her.
     */
    private boolean opensCopiedRow(String workerId, byte[] wrappedKey, byte[] wrappedKeyset, byte[] sealed) {
        for (KeyRing ring : wrappingKeysTheServiceHas()) {
            try {
                crypto.unwrap(ring, workerId, wrappedKey);
                return true;
            } catch (IllegalStateException e) {
                // not this one
            }
            try {
                crypto.openSealed(ring, workerId, wrappedKeyset, sealed, POSITION_AAD);
                return true;
            } catch (CryptoException e) {
                // not this one
            }
        }
        return false;
    }

    private KeyRing wrappingOf(String workerId) {
        return vault.find(workerId).orElseThrow();
    }

    /** Whether the ciphertext decrypts under this key, bound to her id and any field name. */
    private boolean opens(SecretKey key, String workerId, byte[] ciphertext) {
        for (String field : FIELDS) {
            try {
                crypto.decrypt(key, workerId, field, ciphertext);
                return true;
            } catch (IllegalStateException e) {
                // not this one
            }
        }
        return false;
    }
}
