package nl.alarmcentral.contract.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the services' consumers wait out failures and watch their progress
 * ({@code alarmcentral.messaging.*}, env {@code ALARMCENTRAL_MESSAGING_*}); docs/reliability.md.
 */
@ConfigMapping(prefix = "alarmcentral.messaging")
public interface MessagingConfig {

    /** First pause after a failed attempt; each further pause doubles, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /**
     * Longest pause between two attempts at the same event: how soon work resumes after a fault
     * ends. Four cheap attempts a second per waiting consumer while a database is away: a refused
     * connection costs next to nothing, and the backlog starts moving within a quarter second.
     */
    @WithDefault("250ms")
    Duration maxBackoff();

    /**
     * How long an event that fails for a reason that is not passing (a bug, a constraint) is retried
     * before it is dead-lettered. A passing failure (database, broker or peer away) is waited out
     * however long it lasts.
     */
    @WithDefault("2m")
    Duration giveUpAfter();

    /** How often the consumer groups' progress (committed versus written offsets) is looked at. */
    @WithDefault("2s")
    Duration progressCheckInterval();

    /**
     * Whether a service is ready only once every consumer of its jobs has had its first assignment
     * and its groups have caught up with what waited for them ({@link ServiceReadiness}).
     * alarm-service says no: it must take presses while either its database or the broker is there,
     * so its own press-path check decides.
     */
    @WithDefault("true")
    boolean readyWhenAssigned();

    /**
     * A group with events waiting whose committed offsets did not move for this long is stalled:
     * its events are delayed (health "degraded", the gauge, the console's banner).
     */
    @WithDefault("5s")
    Duration stallAfter();
}
