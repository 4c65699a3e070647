package nl.alarmcentral.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.HttpReadiness;
import nl.alarmcentral.infra.InfraException;

/**
 * A real Keycloak ({@code keycloak-quarkus-dist} from Maven Central) in development mode,
 * importing the {@code alarmcentral} realm on its first start.
 */
public final class KeycloakServer implements AutoCloseable {

    /** The realm every service and front end uses. */
    public static final String REALM = "alarmcentral";

    private final ChildProcess process;
    private final String url;

    private KeycloakServer(ChildProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Unpacks Keycloak (once), starts it and waits until the realm answers.
     *
     * @param baseDir   where Keycloak is unpacked and keeps its data; reused across starts
     * @param httpPort  its HTTP port on 127.0.0.1
     * @param realmFile the realm export to import when the realm does not exist yet
     * @param logFile   where its output goes
     * @param adminPassword password of the bootstrap administrator {@code admin}
     */
    public static KeycloakServer start(Path baseDir, int httpPort, Path realmFile, Path logFile, String adminPassword) {
        boolean fresh = !Files.exists(home(baseDir).resolve("bin").resolve("kc.sh"));
        Path home = unpack(baseDir);
        KeycloakBuildCache buildCache = KeycloakBuildCache.nextToLauncher(version());
        boolean restored = fresh && buildCache.restoreInto(home);
        try {
            Path importDir = home.resolve("data").resolve("import");
            Files.createDirectories(importDir);
            Files.copy(realmFile, importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InfraException("Cannot place the realm import for Keycloak: " + e.getMessage(), e);
        }
        ChildProcess process = ChildProcess.start("keycloak",
                List.of(home.resolve("bin").resolve("kc.sh").toString(), "start-dev", "--http-port=" + httpPort,
                        "--http-host=127.0.0.1", "--import-realm",
                        // One issuer (http://localhost:<port>/realms/...) whichever address a client uses.
                        "--hostname=http://localhost:" + httpPort, "--hostname-backchannel-dynamic=true"),
                Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                        "JAVA_HOME", System.getProperty("java.home"),
                        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m"),
                home, logFile, line -> false, false);
        String url = "http://localhost:" + httpPort;
        try {
            awaitRealm(process, url, Duration.ofSeconds(240));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        if (fresh && !restored) {
            buildCache.save(home);
        }
        return new KeycloakServer(process, url);
    }

    private static void awaitRealm(ChildProcess process, String url, Duration timeout) {
        HttpReadiness.await(process, URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration"), timeout);
    }

    private static String version() {
        return InfraProperties.load().getProperty("keycloak.version");
    }

    private static Path home(Path baseDir) {
        return baseDir.resolve("keycloak-" + version());
    }

    private static Path unpack(Path baseDir) {
        String version = version();
        Path home = home(baseDir);
        if (Files.exists(home.resolve("bin").resolve("kc.sh"))) {
            return home;
        }
        Path zip = Path.of(InfraProperties.load().getProperty("keycloak.dist.zip"));
        Path partial = baseDir.resolve("unpacking");
        try {
            deleteRecursively(partial);
            Files.createDirectories(partial);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                    Path target = partial.resolve(entry.getName()).normalize();
                    if (!target.startsWith(partial)) {
                        throw new InfraException("Unexpected entry in the Keycloak zip: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path unpacked = partial.resolve("keycloak-" + version);
            try (var scripts = Files.list(unpacked.resolve("bin"))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
            }
            Files.move(unpacked, home);
            deleteRecursively(partial);
            return home;
        } catch (IOException e) {
            throw new InfraException("Cannot unpack Keycloak from " + zip + ": " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Base URL, for example {@code http://127.0.0.1:8180}. */
    public String url() {
        return url;
    }

    /** The realm's issuer URL, which the services use as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return url + "/realms/" + REALM;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    /** Reads the build-time {@code keycloak.properties}: where Maven put the Keycloak zip. */
    static final class InfraProperties {
        private InfraProperties() {
        }

        static Properties load() {
            try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak.properties")) {
                Properties properties = new Properties();
                properties.load(in);
                return properties;
            } catch (IOException | NullPointerException e) {
                throw new InfraException("keycloak.properties is missing: build deploy/launcher with Maven first", e);
            }
        }
    }
}
