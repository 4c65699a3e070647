package nl.alarmcentral.registry.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.contract.event.WorkerRegistration;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.DeviceTestSupport;
import nl.alarmcentral.registry.Registrations;
import nl.alarmcentral.registry.RegistryDb;
import nl.alarmcentral.registry.Workers;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.crypto.WorkerKeyVault;

/**
 * Her sealing key pair: created with her keys, the private keyset stored only wrapped, the public
 * keyset published with her registration; a worker who registered before sealing existed gets hers
 * at her next write and is registered again, with it, at her next profile save; keys wrapped by an
 * earlier master key (or in the format of before Tink, or before the vault) are read and move into
 * her vault key at her next write.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class SealingKeysTest {

    private static final byte[] NOTE = "back door, code 4711".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "timer-7\u0000timer-note".getBytes(StandardCharsets.UTF_8);

    @Inject
    EnvelopeCrypto crypto;

    @Inject
    RegistryConfig config;

    @Inject
    WorkerKeyVault vault;

    @Test
    void herRegistrationCarriesThePublicHalfOfAKeyPairWhosePrivateHalfIsStoredOnlyWrapped() {
        TestTokens.Subject worker = Workers.registered("Sealed");

        Map<String, Object> row = keyRow(worker.id());
        String publicKeyset = (String) row.get("sealing_public_keyset");
        byte[] wrappedPrivate = (byte[]) row.get("sealing_private_keyset");
        assertThat(row.get("sealing_published_at")).isNotNull();
        List<WorkerRegistration> registrations = Registrations.of(worker.id());
        assertThat(registrations).singleElement().satisfies(registration -> {
            assertThat(registration.workerId()).isEqualTo(worker.id());
            assertThat(registration.registeredAt()).isNotNull();
            assertThat(registration.publicKeyset()).isEqualTo(publicKeyset);
        });

        byte[] sealed = WorkerSealing.seal(publicKeyset, NOTE, AAD);
        assertThat(crypto.openSealed(vault.find(worker.id()).orElseThrow(), worker.id(), wrappedPrivate, sealed, AAD)).isEqualTo(NOTE);
        // Stored wrapped: the private keyset is no readable Tink keyset, and a later save keeps the same pair.
        assertThat(new String(wrappedPrivate, StandardCharsets.ISO_8859_1)).doesNotContain("type.googleapis.com");
        Workers.put(worker, "/api/me/profile", "{\"workingName\":\"Sealed again\"}").statusCode(200);
        assertThat(keyRow(worker.id()).get("sealing_public_keyset")).isEqualTo(publicKeyset);
        assertThat(Registrations.of(worker.id())).hasSize(1);
    }

    @Test
    void aWorkerRegisteredBeforeSealingGetsHerKeyPairAtHerNextWriteAndIsRegisteredAgainWithIt() {
        TestTokens.Subject worker = Workers.registered("Early");
        DeviceTestSupport.update("UPDATE worker_key SET sealing_private_keyset = NULL, sealing_public_keyset = NULL, "
                + "sealing_published_at = NULL WHERE worker_id = ?", worker.id());

        Workers.put(worker, "/api/me/notes", "{\"doorApproach\":\"Side door\",\"mayCallBack\":true}").statusCode(200);
        Map<String, Object> row = keyRow(worker.id());
        assertThat(row.get("sealing_private_keyset")).as("created at her next write").isNotNull();
        assertThat(row.get("sealing_published_at")).as("not yet published").isNull();

        Workers.put(worker, "/api/me/profile", "{\"workingName\":\"Early\"}").statusCode(200);
        List<WorkerRegistration> registrations = Registrations.of(worker.id());
        assertThat(registrations).hasSize(2);
        assertThat(registrations.get(1).publicKeyset()).isEqualTo(row.get("sealing_public_keyset"));
        assertThat(registrations.get(1).registeredAt()).isEqualTo(registrations.get(0).registeredAt());
        assertThat(keyRow(worker.id()).get("sealing_published_at")).isNotNull();
    }

    @Test
    void keysWrappedByTheMasterKeyInTheFormatOfBeforeTinkAreReadAndMoveIntoTheVaultAtHerNextWrite() throws Exception {
        TestTokens.Subject worker = Workers.registered("Old format");
        KeyRing vaultKey = vault.find(worker.id()).orElseThrow();
        Map<String, Object> before = keyRow(worker.id());
        byte[] dataKey = crypto.unwrap(vaultKey, worker.id(), (byte[]) before.get("wrapped_key")).getEncoded();
        byte[] sealed = WorkerSealing.seal((String) before.get("sealing_public_keyset"), NOTE, AAD);
        // A row from before the vault: the data key as the hand-written AES-GCM stored it (version byte 1,
        // IV, ciphertext and tag under the master key), the sealing keyset wrapped by the master ring.
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(config.crypto().masterKey()), "AES"),
                new GCMParameterSpec(128, iv));
        aes.updateAAD((worker.id() + "\u0000data-key").getBytes(StandardCharsets.UTF_8));
        byte[] wrapped = aes.doFinal(dataKey);
        byte[] old = ByteBuffer.allocate(1 + 12 + wrapped.length).put((byte) 1).put(iv).put(wrapped).array();
        byte[] keysetUnderMaster = crypto.rewrapSealingKeyset(vaultKey, crypto.master(), worker.id(),
                (byte[]) before.get("sealing_private_keyset"));
        try (Connection db = RegistryDb.connect();
                PreparedStatement update = db.prepareStatement("UPDATE worker_key SET wrapped_key = ?, sealing_private_keyset = ?, "
                        + "master_key_id = 'k1', wrapped_by_vault_key = false WHERE worker_id = ?")) {
            update.setBytes(1, old);
            update.setBytes(2, keysetUnderMaster);
            update.setString(3, worker.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        Workers.get(worker, "/api/me/profile").statusCode(200).body("workingName", equalTo("Old format"));
        Workers.put(worker, "/api/me/notes", "{\"doorApproach\":\"Side door\",\"mayCallBack\":true}").statusCode(200);

        Map<String, Object> row = keyRow(worker.id());
        assertThat(row.get("wrapped_by_vault_key")).isEqualTo(true);
        assertThat(row.get("master_key_id")).isEqualTo(crypto.masterKeyId());
        assertThat((byte[]) row.get("wrapped_key")).isNotEqualTo(old);
        assertThat(crypto.unwrap(vaultKey, worker.id(), (byte[]) row.get("wrapped_key")).getEncoded()).isEqualTo(dataKey);
        assertThat(crypto.openSealed(vaultKey, worker.id(), (byte[]) row.get("sealing_private_keyset"), sealed, AAD))
                .as("her key pair is unchanged").isEqualTo(NOTE);
        assertThat(row.get("sealing_public_keyset")).isEqualTo(before.get("sealing_public_keyset"));
        assertThatThrownBy(() -> crypto.unwrap(crypto.master(), worker.id(), (byte[]) row.get("wrapped_key")))
                .as("the master key alone no longer opens it").isInstanceOf(IllegalStateException.class);
        Workers.get(worker, "/api/me/profile").statusCode(200).body("workingName", equalTo("Old format"));
    }

    private static Map<String, Object> keyRow(String workerId) {
        return RegistryDb.rows("SELECT * FROM worker_key WHERE worker_id = ?", workerId).get(0);
    }
}
