package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void theDefaultsAreTheDocumentedPorts() {
        LaunchOptions options = LaunchOptions.parse(new String[0], REPO);
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/deploy/.local-stack"));
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.kafkaControllerPort()).isEqualTo(9093);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.keycloakPort()).isEqualTo(8180);
        assertThat(options.alarmPort()).isEqualTo(8081);
        assertThat(options.dispatchPort()).isEqualTo(8082);
        assertThat(options.registryPort()).isEqualTo(8083);
        assertThat(options.hasExtraDispatch()).isFalse();
        assertThat(options.hasPrometheus()).isFalse();
        assertThat(options.reset()).isFalse();
        assertThat(options.postgresHostPort()).isEqualTo("127.0.0.1:15432");
    }

    @Test
    void portsAndFoldersCanBeChosen() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--kafka-port", "19092", "--data-dir", "/tmp/x", "--reset",
            "--external-postgres", "db:5432"}, REPO);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.kafkaControllerPort()).isEqualTo(19093);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.reset()).isTrue();
        assertThat(options.postgresHostPort()).isEqualTo("db:5432");
    }

    @Test
    void aSecondDispatchInstanceRunsOnlyWhenAPortIsGiven() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--extra-dispatch-port", "18092"}, REPO);
        assertThat(options.hasExtraDispatch()).isTrue();
        assertThat(options.extraDispatchPort()).isEqualTo(18092);
        assertThat(options.dispatchPort()).isEqualTo(8082);
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--extra-dispatch-port", "0"}, REPO))
                .hasMessageContaining("--extra-dispatch-port needs a port number");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--extra-dispatch-port", "8082"}, REPO))
                .as("the first dispatch-service's port").hasMessageContaining("already the port of another part");
    }

    @Test
    void prometheusRunsOnlyWhenAPortIsGiven() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"--prometheus-port", "9090"}, REPO);
        assertThat(options.hasPrometheus()).isTrue();
        assertThat(options.prometheusPort()).isEqualTo(9090);
    }

    @Test
    void serviceJvmOptionsAreSplitAtSpacesAndNoneByDefault() {
        assertThat(LaunchOptions.parse(new String[0], REPO).serviceJvmOptions()).isEmpty();
        LaunchOptions options = LaunchOptions.parse(new String[] {"--service-jvm-options", " -XX:TieredStopAtLevel=1  -Xss1m "}, REPO);
        assertThat(options.serviceJvmOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-Xss1m");
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--kafka-port", "many"}, REPO))
                .hasMessageContaining("--kafka-port needs a port number");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--frobnicate"}, REPO))
                .hasMessageContaining("Unknown option --frobnicate");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"--data-dir"}, REPO))
                .hasMessageContaining("needs a value");
    }
}
