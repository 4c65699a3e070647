package nl.alarmcentral.alarm.health;

import static nl.alarmcentral.alarm.health.PressPathReadiness.AWAY_TICKS;
import static nl.alarmcentral.alarm.health.PressPathReadiness.State.AWAY;
import static nl.alarmcentral.alarm.health.PressPathReadiness.State.WARM;
import static nl.alarmcentral.alarm.health.PressPathReadiness.State.WARMING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When the press path counts as ready ({@link PressPathReadiness#ready}). The case that made the
 * count of away ticks: at a fresh start on two cores one rehearsal timed out while the event loops
 * were busy with first-time work, the database counted as away, and the service said ready with
 * its database path cold (its first press then took over a second). A database that is really away
 * still lets the service be ready on the broker, a few ticks later.
 */
class PressPathDecisionTest {

    @Test
    void aDatabaseAwayForFewerTicksThanTheLimitDoesNotMakeTheServiceReadyOnTheBroker() {
        for (int ticks = 0; ticks < AWAY_TICKS; ticks++) {
            assertThat(PressPathReadiness.ready(AWAY, ticks, WARM, true, WARM, WARM)).as("away %d tick(s)", ticks).isFalse();
        }
    }

    @Test
    void aDatabaseAwayForTheLimitMakesTheServiceReadyOnAWarmBroker() {
        assertThat(PressPathReadiness.ready(AWAY, AWAY_TICKS, WARM, true, WARM, WARM)).isTrue();
        assertThat(PressPathReadiness.ready(AWAY, AWAY_TICKS, WARMING, false, WARM, WARM)).as("broker still warming").isFalse();
        assertThat(PressPathReadiness.ready(AWAY, AWAY_TICKS, AWAY, false, WARM, WARM)).as("both stores away").isFalse();
    }

    @Test
    void aWarmDatabaseIsEnoughWhileTheBrokerIsAwayButNotWhileItsFollowerWaits() {
        assertThat(PressPathReadiness.ready(WARM, 0, AWAY, false, WARM, WARM)).isTrue();
        assertThat(PressPathReadiness.ready(WARM, 0, WARM, true, WARM, WARM)).isTrue();
        assertThat(PressPathReadiness.ready(WARM, 0, WARM, false, WARM, WARM)).as("row follower not assigned").isFalse();
    }

    @Test
    void theIdentityProviderAndTheHttpPathMustBePastWarming() {
        assertThat(PressPathReadiness.ready(WARM, 0, WARM, true, AWAY, WARM)).as("Keycloak away: buttons need no token").isTrue();
        assertThat(PressPathReadiness.ready(WARM, 0, WARM, true, WARMING, WARM)).isFalse();
        assertThat(PressPathReadiness.ready(WARM, 0, WARM, true, WARM, WARMING)).isFalse();
    }
}
