package nl.alarmcentral.registry.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of enrolling hardware buttons ({@code registry.devices.*}): the key shared with
 * alarm-service, how long an enrolment code lives, and the lock against guessing codes. See
 * {@code docs/devices.md}, "Enrolling a button (registry)".
 */
@ConfigMapping(prefix = "registry.devices")
public interface DeviceConfig {

    /**
     * The key that registry-service and alarm-service share to seal device secrets on
     * {@code device.bindings} ({@code DeviceSecretSeal}): base64 of 32 random bytes, the same value
     * as alarm-service's {@code ALARM_DEVICES_BINDING_KEY}. From a secret
     * ({@code REGISTRY_DEVICES_BINDING_KEY}), never from the repository. Without it the registry
     * still starts (dispatch cards matter more than new buttons) but binding a button answers 503;
     * a key that is not 32 bytes of base64 stops the start.
     */
    Optional<String> bindingKey();

    /** How long an enrolment code can be used after she asked for it. */
    @WithDefault("15m")
    Duration codeValidity();

    /** Wrong enrolment codes a coordinator may enter within {@link #wrongCodeWindow()} before she is locked out. */
    @WithDefault("5")
    int maxWrongCodes();

    /** The window in which a coordinator's wrong codes are counted. */
    @WithDefault("15m")
    Duration wrongCodeWindow();

    /** How long a coordinator stays locked out of binding after too many wrong codes. */
    @WithDefault("15m")
    Duration lockDuration();

    /** How long a binding or unbinding waits for the broker's acknowledgement before it answers 503. */
    @WithDefault("8s")
    Duration publishTimeout();

    /** The {@code Retry-After} a client gets with a 503. */
    @WithDefault("2s")
    Duration retryAfter();
}
