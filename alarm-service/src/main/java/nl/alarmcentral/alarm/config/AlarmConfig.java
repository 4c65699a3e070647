package nl.alarmcentral.alarm.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of alarm-service ({@code alarm.*}): how a press becomes durable in either store
 * (PostgreSQL or the Kafka broker) and how long it may wait for each (docs/architecture.md,
 * "Durability before the answer"; docs/configuration.md).
 */
@ConfigMapping(prefix = "alarm")
public interface AlarmConfig {

    /**
     * How long a press whose alarm is already in the database waits for the broker's
     * acknowledgement. In time: the alarm is marked published and reaches dispatch at once. Not in
     * time: she still gets her 202 (the database has the alarm) and the relay publishes it.
     */
    @WithDefault("1s")
    Duration publishWait();

    /**
     * How long the broker may take when it is the only store (the database is away) and when the
     * relay publishes what the broker did not take before. A press whose alarm neither store took
     * within its time answers 503 (the app retries with the same client reference, or offers 112).
     */
    @WithDefault("8s")
    Duration publishTimeout();

    /**
     * How long a press waits for the database (connection, insert, commit; on top of
     * {@link #publishWait()}) before it gives up on it and publishes the alarm straight to the
     * broker. Connection refusals fail at once; this bounds a database that hangs.
     */
    @WithDefault("2s")
    Duration databaseTimeout();

    /**
     * After a store (the database or the broker) failed, presses skip it for this long; then one
     * press tries it again (and the relay keeps trying the broker), so that an outage does not cost
     * every press a timeout.
     */
    @WithDefault("2s")
    Duration storeRetryInterval();

    /** The {@code Retry-After} the client gets with a 503. */
    @WithDefault("2s")
    Duration retryAfter();

    /** The relay that publishes what the broker has not acknowledged yet. */
    Relay relay();

    /** Alarms accepted through the broker alone while the database was away. */
    Unstored unstored();

    /** Settings of the relay ({@code alarm.relay.*}). */
    interface Relay {

        /**
         * How often every instance looks for alarms and events the broker has not acknowledged
         * (they share the work through the database). The scheduler does not go below one second.
         */
        @WithDefault("1s")
        Duration interval();

        /** At most this many alarms, and as many other events, are published by one run. */
        @WithDefault("100")
        int batchSize();

        /** Published cancels, duresses and warnings are kept this long in the outbox, then deleted. */
        @WithDefault("7d")
        Duration retention();
    }

    /** Settings of the alarms accepted through the broker alone ({@code alarm.unstored.*}). */
    interface Unstored {

        /**
         * How many such alarms one instance keeps in memory (with their positions, which must
         * never go onto Kafka) until their rows are written; beyond that the oldest positions are
         * dropped (the alarm itself is safe on the broker and its row follows from the topic).
         */
        @WithDefault("10000")
        int maxAlarms();

        /** How long a position is kept in memory waiting for the database; older ones are dropped. */
        @WithDefault("1h")
        Duration maxAge();

        /** How often an instance tries to write the rows (and positions) it keeps in memory. */
        @WithDefault("1s")
        Duration writeInterval();
    }
}
