package nl.alarmcentral.registry.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import nl.alarmcentral.infra.test.KafkaTestResource;
import nl.alarmcentral.infra.test.PostgresTestResource;
import nl.alarmcentral.infra.test.SharedTestInfra;
import nl.alarmcentral.infra.test.TestTokens;
import nl.alarmcentral.registry.Incidents;
import nl.alarmcentral.registry.Workers;

/**
 * Whoever gets a full copy of the registry database (a leaked backup, a curious administrator)
 * finds ids, timestamps and ciphertext: none of the names, numbers, addresses, notes or contacts
 * a worker wrote, in plain text or in the hex form PostgreSQL dumps bytea in.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class DatabaseDumpTest {

    @Test
    void aFullDumpHoldsNoPlaintextOfWhatSheWrote() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String number = "+31 6 " + Math.abs(tag.hashCode() % 90_000_000 + 10_000_000);
        List<String> secrets = List.of("Roxanne-" + tag, "Knock three times " + tag, "Back door to the alley " + tag,
                "Codeword-" + tag, "Molenstraat 12 " + tag, "Hotel Zuid kamer " + tag, "Trusted Tess " + tag,
                "Landlady " + tag, number, "+31 20 " + tag.hashCode());
        TestTokens.Subject worker = TestTokens.newWorker();
        Workers.put(worker, "/api/me/profile", "{\"workingName\":\"" + secrets.get(0) + "\",\"safetyNote\":\"" + secrets.get(1)
                + "\",\"languages\":[\"ro\"],\"callBackNumber\":\"" + number + "\",\"liaison\":\"POLICE\"}").statusCode(200);
        Workers.put(worker, "/api/me/notes", "{\"escapeRoute\":\"" + secrets.get(2) + "\",\"codeWord\":\"" + secrets.get(3) + "\"}")
                .statusCode(200);
        Workers.put(worker, "/api/me/addresses", "{\"addresses\":[{\"label\":\"HOME\",\"address\":\"" + secrets.get(4)
                + "\"},{\"label\":\"WORK\",\"address\":\"" + secrets.get(5) + "\"}]}").statusCode(200);
        Workers.put(worker, "/api/me/contacts", "{\"contacts\":[{\"name\":\"" + secrets.get(6) + "\",\"number\":\""
                + secrets.get(9) + "\",\"relation\":\"" + secrets.get(7) + "\",\"inform\":true}]}").statusCode(200);
        Workers.grant(worker, "ALARM_SERVICE", "SHARE_NOTES", "SHARE_ADDRESSES", "INFORM_CONTACTS", "LIAISON_INTRO");
        Workers.grantPoliceFields(worker, "workingName", "addresses");
        Incidents.card(worker.id(), Incidents.open(worker.id())).statusCode(200);
        Workers.get(worker, "/api/me/export").statusCode(200);

        String dump = pgDump();

        assertThat(dump).as("the dump covers her rows").contains(worker.id()).contains("COPY public.worker_profile")
                .contains("COPY public.worker_section").contains("COPY public.consent_change");
        String lowerDump = dump.toLowerCase(Locale.ROOT);
        for (String secret : secrets) {
            assertThat(lowerDump).as("plaintext").doesNotContain(secret.toLowerCase(Locale.ROOT));
            assertThat(lowerDump).as("hex of plaintext").doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String pgDump() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(pgDumpBinary().toString(), "--host=127.0.0.1",
                "--port=" + SharedTestInfra.postgres().port(), "--username=registry", "--no-password", "registry")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PGPASSWORD", "registry");
        Process process = builder.start();
        process.getOutputStream().close();
        // Read while it runs: the dump can be larger than a pipe's buffer.
        String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("pg_dump exit code").isZero();
        return dump;
    }

    /** pg_dump from PATH, Debian's PostgreSQL client, or the embedded PostgreSQL binaries of the test infrastructure. */
    private static Path pgDumpBinary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "pg_dump");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> found = versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        try (Stream<Path> tmp = Files.find(Path.of(System.getProperty("java.io.tmpdir")), 8,
                (path, attributes) -> path.endsWith("bin/pg_dump") && path.toString().contains("alarmcentral-test-"))) {
            return tmp.findFirst().orElseThrow(() -> new IllegalStateException(
                    "pg_dump not found (PATH, /usr/lib/postgresql/*/bin, embedded PostgreSQL binaries)"));
        }
    }
}
