package nl.alarmcentral.launcher;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Command-line options of the local stack. Every port can be changed, so the stack can run next
 * to other software (or twice, with two data folders).
 */
record LaunchOptions(Path repo, Path dataDir, boolean reset, boolean exitWithParent, int kafkaPort, int kafkaControllerPort,
        int postgresPort, int keycloakPort, int alarmPort, int dispatchPort, int registryPort, String externalPostgres,
        String postgresAdmin, int extraDispatchPort, int prometheusPort, List<String> serviceJvmOptions) {

    static final String USAGE = """
            Usage: deploy/local-stack.sh [options]
              --reset                     delete the data folder first (fresh databases, topics and realm)
              --data-dir DIR              where data and logs live (default: deploy/.local-stack)
              --kafka-port N              Kafka client port (default 9092; the controller uses N+1)
              --postgres-port N           embedded PostgreSQL port (default 15432)
              --keycloak-port N           Keycloak port (default 8180)
              --alarm-port N              alarm-service port (default 8081)
              --dispatch-port N           dispatch-service port (default 8082)
              --registry-port N           registry-service port (default 8083)
              --extra-dispatch-port N     also start a second dispatch-service on port N (same database and
                                          Kafka; two consoles, as behind a load balancer)
              --prometheus-port N         also start Prometheus (if installed; Debian: apt-get install prometheus)
                                          on port N, scraping the services with deploy/prometheus's rules
              --service-jvm-options "OPTS" more JVM options for the three services, split at spaces
                                          (measurements, for example -XX:TieredStopAtLevel=1; docs/benchmarks.md)
              --external-postgres H:P     use an existing PostgreSQL server instead of the embedded one
              --postgres-admin USER:PASS  a superuser of that server, to create the databases (default postgres:postgres)
              --exit-with-parent          stop when the process that started this one goes away (used by tests)
              --help                      this text
            """;

    static LaunchOptions parse(String[] args, Path repo) {
        Deque<String> queue = new ArrayDeque<>(List.of(args));
        Path dataDir = repo.resolve("deploy").resolve(".local-stack");
        boolean reset = false;
        boolean exitWithParent = false;
        int kafka = 9092;
        Integer controller = null;
        int postgres = 15432;
        int keycloak = 8180;
        int alarm = 8081;
        int dispatch = 8082;
        int registry = 8083;
        String externalPostgres = null;
        String postgresAdmin = "postgres:postgres";
        int extraDispatch = 0;
        int prometheus = 0;
        List<String> serviceJvmOptions = List.of();
        while (!queue.isEmpty()) {
            String option = queue.poll();
            switch (option) {
                case "--reset" -> reset = true;
                case "--exit-with-parent" -> exitWithParent = true;
                case "--data-dir" -> dataDir = Path.of(value(queue, option)).toAbsolutePath();
                case "--kafka-port" -> kafka = port(queue, option);
                case "--kafka-controller-port" -> controller = port(queue, option);
                case "--postgres-port" -> postgres = port(queue, option);
                case "--keycloak-port" -> keycloak = port(queue, option);
                case "--alarm-port" -> alarm = port(queue, option);
                case "--dispatch-port" -> dispatch = port(queue, option);
                case "--registry-port" -> registry = port(queue, option);
                case "--extra-dispatch-port" -> extraDispatch = port(queue, option);
                case "--prometheus-port" -> prometheus = port(queue, option);
                case "--service-jvm-options" -> serviceJvmOptions = List.of(value(queue, option).trim().split("\\s+"));
                case "--external-postgres" -> externalPostgres = value(queue, option);
                case "--postgres-admin" -> postgresAdmin = value(queue, option);
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("Unknown option " + option);
            }
        }
        int kafkaController = controller != null ? controller : kafka + 1;
        if (extraDispatch > 0 && List.of(kafka, kafkaController, postgres, keycloak, alarm, dispatch, registry).contains(extraDispatch)) {
            throw new UsageException("--extra-dispatch-port " + extraDispatch + " is already the port of another part of the stack");
        }
        return new LaunchOptions(repo, dataDir, reset, exitWithParent, kafka, kafkaController,
                postgres, keycloak, alarm, dispatch, registry, externalPostgres, postgresAdmin, extraDispatch, prometheus,
                serviceJvmOptions);
    }

    private static String value(Deque<String> queue, String option) {
        String value = queue.poll();
        if (value == null) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }

    private static int port(Deque<String> queue, String option) {
        String value = value(queue, option);
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a port number, not " + value);
        }
    }

    /** Host and port of the PostgreSQL server the services use. */
    String postgresHostPort() {
        return externalPostgres != null ? externalPostgres : "127.0.0.1:" + postgresPort;
    }

    /** Whether a second dispatch-service instance runs ({@code --extra-dispatch-port}). */
    boolean hasExtraDispatch() {
        return extraDispatchPort > 0;
    }

    /** Whether Prometheus runs too ({@code --prometheus-port}). */
    boolean hasPrometheus() {
        return prometheusPort > 0;
    }

    String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    /** Wrong usage; the message (or the usage text) goes to the user. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
