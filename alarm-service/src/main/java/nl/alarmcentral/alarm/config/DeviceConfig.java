package nl.alarmcentral.alarm.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of hardware buttons ({@code alarm.devices.*}): how their requests are verified,
 * when a silent button counts as offline, and the demo buttons of the local stack. See
 * {@code docs/devices.md}.
 */
@ConfigMapping(prefix = "alarm.devices")
public interface DeviceConfig {

    /**
     * The key that registry-service and alarm-service share to encrypt device secrets on the topic
     * {@code device.bindings}: base64 of 32 random bytes ({@code openssl rand -base64 32}). From a
     * secret ({@code ALARM_DEVICES_BINDING_KEY}), never from the repository; required, so that the
     * service does not start unable to verify any button.
     */
    String bindingKey();

    /**
     * How far a request's {@code X-Device-Timestamp} may be from our clock, in either direction.
     * Also how long accepted signatures are remembered to refuse replays.
     */
    @WithDefault("300s")
    Duration clockSkew();

    /**
     * A button that stays silent for longer than its heartbeat interval times this factor is
     * reported offline (once per silence).
     */
    @WithDefault("2")
    double offlineGraceFactor();

    /**
     * How often the offline check runs. Read by the scheduler as
     * {@code ${alarm.devices.offline-check-interval:15s}}; keep both defaults the same.
     */
    @WithDefault("15s")
    Duration offlineCheckInterval();

    /**
     * How often expired replay-protection entries and old warnings are deleted. Read by the
     * scheduler as {@code ${alarm.devices.purge-interval:1m}}.
     */
    @WithDefault("1m")
    Duration purgeInterval();

    /** How long a low-battery warning is remembered, so that a retried request is not a second warning. */
    @WithDefault("24h")
    Duration warningRetention();

    /**
     * Whether to bind the two demo buttons ({@code demo-button-1}, {@code demo-button-2}) to the
     * demo workers at startup. Only for the local stack and demos: their secrets are public.
     */
    @WithDefault("false")
    boolean demoSeed();
}
