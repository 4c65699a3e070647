package nl.alarmcentral.alarm.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long alarm-service keeps what it holds of a worker ({@code alarm.retention.*}; issue 14,
 * docs/privacy.md). Positions and timer notes are kept for dispatch's claim check while the
 * incident is handled: they go when dispatch closes the incident ({@code incident.events}) and, for
 * alarms that never reached a closed incident, after {@link #positions()} / {@link #timerNotes()}.
 * Alarm rows are kept as long as dispatch keeps its incidents, then reduced to statistics.
 */
@ConfigMapping(prefix = "alarm.retention")
public interface RetentionConfig {

    /**
     * Whether an alarm's position and its timer's note are dropped as soon as dispatch closes the
     * incident it was on. Off, they are kept until {@link #positions()} / {@link #timerNotes()}.
     */
    @WithDefault("true")
    boolean clearOnIncidentClose();

    /** A position is dropped this long after its alarm was raised, whatever became of the incident. */
    @WithDefault("24h")
    Duration positions();

    /** A timer's note is dropped this long after the timer ended (confirmed or run out). */
    @WithDefault("24h")
    Duration timerNotes();

    /**
     * An alarm row older than this is reduced to a statistic: no worker id, no client reference, no
     * position (kind, channel and times stay). The same default as dispatch's
     * {@code dispatch.retention} (how long it keeps a closed incident); keep the two equal.
     */
    @WithDefault("90d")
    Duration alarmRows();

    /**
     * How often every instance runs the retention job. Read by the scheduler as
     * {@code ${alarm.retention.interval:1m}}; keep both defaults the same.
     */
    @WithDefault("1m")
    Duration interval();

    /** At most this many rows per table are changed in one run (each run is one short transaction per table). */
    @WithDefault("1000")
    int batchSize();
}
