package nl.alarmcentral.launcher;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.HttpReadiness;
import nl.alarmcentral.infra.InfraException;

/**
 * Prometheus for the local stack ({@code --prometheus-port}), when it is installed (Debian's
 * package): it scrapes the services with the rules of deploy/prometheus, so a person (and
 * OpsMetricsIT) can watch the numbers of docs/operations.md move. Its configuration is
 * deploy/prometheus/prometheus-local.yml with this stack's ports, a 5 s interval (numbers move
 * while you watch) and the rules' absolute path, written to the data folder.
 */
final class PrometheusServer {

    private PrometheusServer() {
    }

    /** What to install when Prometheus is missing. */
    static final String MISSING = "Prometheus is not installed (Debian: apt-get install prometheus)";

    /** The installed binary (the first {@code prometheus} on the PATH), if there is one. */
    static Optional<Path> find() {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .map(dir -> Path.of(dir, "prometheus")).filter(Files::isExecutable).findFirst();
    }

    /** The installed binary; fails with what to install when there is none. */
    static Path binary() {
        return find().orElseThrow(() -> new InfraException("--prometheus-port: " + MISSING));
    }

    static ChildProcess start(LaunchOptions options, Path logFile) throws IOException {
        Path binary = binary();
        Path dir = options.dataDir().resolve("prometheus");
        Files.createDirectories(dir);
        String dispatchTargets = "'localhost:" + options.dispatchPort() + "'"
                + (options.hasExtraDispatch() ? ", 'localhost:" + options.extraDispatchPort() + "'" : "");
        String config = Files.readString(options.repo().resolve("deploy/prometheus/prometheus-local.yml"))
                .replace("scrape_interval: 15s", "scrape_interval: 5s")
                .replace("evaluation_interval: 15s", "evaluation_interval: 5s")
                .replace("rules/*.yml", options.repo().resolve("deploy/prometheus/rules").toAbsolutePath() + "/*.yml")
                .replace("'localhost:8081'", "'localhost:" + options.alarmPort() + "'")
                .replace("'localhost:8082'", dispatchTargets)
                .replace("'localhost:8083'", "'localhost:" + options.registryPort() + "'")
                .replace("'localhost:9090'", "'localhost:" + options.prometheusPort() + "'");
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        ChildProcess process = ChildProcess.start("prometheus", List.of(binary.toString(), "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + options.prometheusPort()),
                Map.of(), dir, logFile, line -> false, false);
        try {
            HttpReadiness.await(process, URI.create("http://127.0.0.1:" + options.prometheusPort() + "/-/ready"),
                    Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }
}
