package nl.alarmcentral.dispatch.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * dispatch-service's own settings ({@code dispatch.*}, env {@code DISPATCH_*}), typed, in one
 * place. The retry intervals are also read by the {@code @Scheduled} jobs that use them; their
 * defaults here and there are the same. Meaning and defaults: {@code docs/configuration.md}.
 */
@ConfigMapping(prefix = "dispatch")
public interface DispatchConfig {

    /** An OPEN incident nobody acknowledged within this long is escalated to supervisors (once). */
    @WithDefault("30s")
    Duration escalateAfter();

    /** How often each instance looks for incidents to escalate. */
    @WithDefault("1s")
    Duration escalationCheckInterval();

    /** A RESOLVED incident is closed automatically this long after it was resolved (its card is dropped then). */
    @WithDefault("15m")
    Duration closeAfter();

    /** A CLOSED incident keeps its timeline this long, then is reduced to an anonymous statistic. */
    @WithDefault("90d")
    Duration retention();

    /**
     * How often each instance closes resolved incidents that are due, a few at a time: closing in
     * small, frequent rounds keeps a backlog of closings from holding up new alarms.
     */
    @WithDefault("2s")
    Duration closeCheckInterval();

    /** How often the retention job (reducing old closed incidents to statistics) runs. */
    @WithDefault("1m")
    Duration housekeepingInterval();

    /**
     * This instance's name: its console fan-out consumer group is {@code dispatch-console-<name>},
     * so every instance receives every change. A random id per start unless set
     * ({@code DISPATCH_INSTANCE_ID}).
     */
    String instanceId();

    /**
     * How often this instance asks for the dispatch cards of unclosed incidents it does not hold
     * (after a start: all of them; and those the registry could not give), and drops what it holds
     * of incidents closed or erased on another instance.
     */
    @WithDefault("5s")
    Duration cardRetryInterval();

    /** How often this instance asks for the alarm details of unclosed incidents it does not hold (or could not get). */
    @WithDefault("5s")
    Duration detailsRetryInterval();

    /** How often unpublished incident events are published again. */
    @WithDefault("2s")
    Duration outboxRetryInterval();

    /** How often each instance rereads incidents changed lately, in case a fan-out message was lost. */
    @WithDefault("5s")
    Duration consoleSweepInterval();

    /** How often the open and unacknowledged incident gauges are counted. */
    @WithDefault("5s")
    Duration gaugeInterval();
}
