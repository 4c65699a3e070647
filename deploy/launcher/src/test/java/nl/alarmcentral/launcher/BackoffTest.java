package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theLocalStackWaitsOneSecondThenDoublesUpToThirtySeconds() {
        assertThat(IntStream.range(0, 8).mapToObj(Backoff.STANDARD::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(Backoff.STANDARD.stableAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aChildThatFailsForDaysStillWaitsAtMostTheCap() {
        assertThat(Backoff.STANDARD.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }
}
