package nl.alarmcentral.dispatch.rest;

import java.time.Instant;

/**
 * How fast dispatchers took incidents ({@code GET /api/supervision/acknowledge-times}), against the
 * standard's targets for alarm centrals. Counted: incidents opened in the period, from the
 * incidents themselves and from the anonymous statistics of those already reduced; an incident
 * nobody has taken counts once it is older than 60 s (it has missed both targets by then).
 *
 * @param from          start of the period
 * @param to            end of the period (now)
 * @param incidents     incidents counted
 * @param acknowledged  of which a dispatcher took
 * @param within30s     taken within 30 s
 * @param within60s     taken within 60 s
 * @param pctWithin30s  percentage taken within 30 s; null without incidents
 * @param pctWithin60s  percentage taken within 60 s; null without incidents
 * @param p50Seconds    median acknowledge time of those taken; null when none was
 * @param p90Seconds    90th percentile of those taken; null when none was
 * @param targets       the targets in percent
 */
public record AcknowledgeTimes(Instant from, Instant to, long incidents, long acknowledged, long within30s, long within60s,
        Double pctWithin30s, Double pctWithin60s, Double p50Seconds, Double p90Seconds, Targets targets) {

    /** The standard's targets: 80% within 30 s, 98.5% within 60 s. */
    public static final Targets TARGETS = new Targets(80.0, 98.5);

    /** @param within30s percent within 30 s, @param within60s percent within 60 s */
    public record Targets(double within30s, double within60s) {
    }
}
