package nl.alarmcentral.alarm.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of alarm-service ({@code alarm.*}). */
@ConfigMapping(prefix = "alarm")
public interface AlarmConfig {

    /**
     * How long a request waits for the broker to acknowledge an alarm before it answers 503 (the
     * app then retries with the same client reference, or offers the call to 112).
     */
    @WithDefault("8s")
    Duration publishTimeout();

    /** The {@code Retry-After} the client gets with a 503. */
    @WithDefault("2s")
    Duration retryAfter();
}
