package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The README's run command, tested: the local stack starts from the packaged launcher with the
 * real Keycloak, Kafka and PostgreSQL, runs the first alarm end to end, refuses a second start on
 * the same data folder, and stops on SIGTERM (what Ctrl-C sends to the JVM as well) leaving no
 * process and no open port behind.
 */
class LocalStackIT {

    @Test
    void theLocalStackRunsTheFirstAlarmEndToEndAndStopsCleanly() throws Exception {
        RunningStack stack = RunningStack.start("e2e-stack");
        AssertionError failure = null;
        try {
            Duration took = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(),
                    stack.registryUrl()).run();
            System.out.println("E2E: alarm to dispatcher API with card in " + took.toMillis() + " ms");
            assertThat(took).isLessThan(SkeletonScenario.ALARM_TO_DISPATCHER);

            Process second = RunningStack.launcher("--data-dir", stack.dataDir.toString()).start();
            String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(3);
            assertThat(secondOutput).contains("already running");
        } catch (AssertionError | RuntimeException e) {
            failure = new AssertionError("Scenario failed: " + e.getMessage(), e);
        }
        if (failure != null) {
            stack.stop();
            throw failure;
        }
        stack.stopAndVerifyNothingIsLeft();
    }
}
