package nl.alarmcentral.alarm.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of safety timers (check-ins) ({@code alarm.timers.*}). */
@ConfigMapping(prefix = "alarm.timers")
public interface TimerConfig {

    /**
     * How often due timers are looked for; a missed check-in becomes an alarm within about this
     * time. The scheduler does not support less than one second.
     */
    @WithDefault("1s")
    Duration checkInterval();

    /** At most this many due timers are fired by one instance per check (each in its own transaction). */
    @WithDefault("100")
    int batchSize();

    /** Grace after the expected end when the worker does not give one. */
    @WithDefault("5")
    int defaultGraceMinutes();
}
