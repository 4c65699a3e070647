package nl.alarmcentral.infra.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import nl.alarmcentral.infra.InfraException;
import nl.alarmcentral.infra.KafkaBroker;
import nl.alarmcentral.infra.Ports;
import nl.alarmcentral.infra.PostgresServer;

/**
 * The Kafka broker and PostgreSQL server of one test JVM: started on first use, on free ports and
 * in a fresh temporary folder, shared by every test class of the module, stopped when the JVM
 * ends. Starting them once keeps a module's tests fast; each test uses its own worker ids, so
 * shared data does not couple tests.
 */
public final class SharedTestInfra {

    /** The databases of the three services; a test uses the one of its service. */
    public static final List<String> DATABASES = List.of("alarm", "dispatch", "registry");

    private static Path baseDir;
    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private SharedTestInfra() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            Path dir = baseDir().resolve("kafka");
            kafka = KafkaBroker.start(dir, Ports.free(), Ports.free(), baseDir().resolve("kafka.log"));
        }
        return kafka;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(baseDir().resolve("postgres"), Ports.free(), DATABASES,
                    baseDir().resolve("postgres.log"));
        }
        return postgres;
    }

    private static Path baseDir() {
        if (baseDir == null) {
            try {
                baseDir = Files.createTempDirectory("alarmcentral-test-");
            } catch (IOException e) {
                throw new InfraException("Cannot create a folder for test infrastructure", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedTestInfra::stopAll, "test-infra-stop"));
        }
        return baseDir;
    }

    private static synchronized void stopAll() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (var paths = Files.walk(baseDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}
