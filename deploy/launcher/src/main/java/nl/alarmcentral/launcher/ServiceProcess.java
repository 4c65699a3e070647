package nl.alarmcentral.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.HttpReadiness;
import nl.alarmcentral.infra.InfraException;

/**
 * One of the three services, run from its packaged Quarkus application and ready when its
 * readiness check (database and Kafka reachable) says UP. A service may run more than once
 * (a second dispatch-service instance): each instance has its own name, port and log.
 */
final class ServiceProcess {

    private ServiceProcess() {
    }

    /**
     * @param service  the service's module (what runs)
     * @param instance the instance's name (in progress lines and process listings)
     * @param jvmOptions more JVM options ({@code --service-jvm-options}), usually none
     */
    static ChildProcess start(String service, String instance, Path repo, int port, Map<String, String> env, Path logFile,
            List<String> jvmOptions) {
        Path app = repo.resolve(service).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new InfraException(service + " is not built (" + app + " is missing). Run ./mvnw package -DskipTests,"
                    + " or start through deploy/local-stack.sh, which builds what is missing.");
        }
        Map<String, String> fullEnv = new java.util.HashMap<>(env);
        fullEnv.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        fullEnv.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // The JVM's full JIT, not C1 only: starting takes about 10 s longer, but once compiled the
        // services need about half the CPU per alarm (docs/benchmarks.md, press to console).
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", app.toString()));
        return ChildProcess.start(instance, command,
                fullEnv, repo.resolve(service), logFile, line -> false, false);
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the end of the log. */
    static void awaitReady(ChildProcess process, int port, Duration timeout) {
        HttpReadiness.await(process, URI.create("http://127.0.0.1:" + port + "/q/health/ready"), timeout);
    }
}
