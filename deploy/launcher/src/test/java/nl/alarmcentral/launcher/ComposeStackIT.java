package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same first-alarm scenario against {@code docker-compose.yml}, for people who have Docker.
 * Without a Docker engine (as on our CI machines) JUnit reports it as skipped; the Docker-free
 * {@link LocalStackIT} is the gate.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

    private static final Path REPO = Path.of(System.getProperty("alarmcentral.repo", "../..")).toAbsolutePath().normalize();

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(new File(REPO.toFile(), "docker-compose.yml"))
            .withBuild(true)
            .withStartupTimeout(Duration.ofMinutes(15))
            .waitingFor("alarm-service", Wait.forHttp("/q/health/ready").forPort(8081))
            .waitingFor("dispatch-service", Wait.forHttp("/q/health/ready").forPort(8082))
            .waitingFor("registry-service", Wait.forHttp("/q/health/ready").forPort(8083));

    @Test
    void theComposeStackRunsTheFirstAlarmEndToEnd() {
        // Compose publishes fixed host ports; Keycloak's issuer is http://localhost:8180.
        Duration took = new SkeletonScenario("http://localhost:8180", "http://localhost:8081", "http://localhost:8082",
                "http://localhost:8083").run();
        assertThat(took).isLessThan(SkeletonScenario.ALARM_TO_DISPATCHER);
    }
}
