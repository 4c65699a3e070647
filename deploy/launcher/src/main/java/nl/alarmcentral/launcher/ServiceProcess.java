package nl.alarmcentral.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.HttpReadiness;
import nl.alarmcentral.infra.InfraException;

/**
 * One of the three services, run from its packaged Quarkus application and ready when its
 * readiness check (database and Kafka reachable) says UP.
 */
final class ServiceProcess {

    private ServiceProcess() {
    }

    static ChildProcess start(String name, Path repo, int port, Map<String, String> env, Path logFile) {
        Path app = repo.resolve(name).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new InfraException(name + " is not built (" + app + " is missing). Run ./mvnw package -DskipTests,"
                    + " or start through deploy/local-stack.sh, which builds what is missing.");
        }
        Map<String, String> fullEnv = new java.util.HashMap<>(env);
        fullEnv.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        fullEnv.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        return ChildProcess.start(name,
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-jar", app.toString()),
                fullEnv, repo.resolve(name), logFile, line -> false, false);
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the end of the log. */
    static void awaitReady(ChildProcess process, int port, Duration timeout) {
        HttpReadiness.await(process, URI.create("http://127.0.0.1:" + port + "/q/health/ready"), timeout);
    }
}
