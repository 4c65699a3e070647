package nl.alarmcentral.alarm.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How fresh a proof must be before a sensitive action ({@code alarm.step-up.*}): her login alone
 * lasts days, so whoever holds her unlocked phone must not be able to read her contacts or change
 * her PINs with it. See {@code docs/pins-and-timers.md}, "Sensitive actions need her again".
 */
@ConfigMapping(prefix = "alarm.step-up")
public interface StepUpConfig {

    /**
     * How long after she last typed her password (the token's {@code auth_time}) a sensitive action
     * needs no PIN. Short: a phone taken from her right after a login is the only gap it leaves.
     */
    @WithDefault("5m")
    Duration maxAge();

    /**
     * How far a token's {@code auth_time} may lie in the future (clocks of Keycloak and this service
     * differ a little); anything later is not a proof.
     */
    @WithDefault("30s")
    Duration clockSkew();
}
