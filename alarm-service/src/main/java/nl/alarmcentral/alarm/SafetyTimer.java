package nl.alarmcentral.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A safety timer ("if I'm not back by then, raise the alarm"). It lives in the database, so it
 * survives restarts and any instance can fire it. Its alarm has the client reference
 * {@link #timerId}: the alarm id is then fixed in advance, so however often or however many
 * instances fire it, it is one alarm.
 */
@Entity
@Table(name = "safety_timer")
public class SafetyTimer {

    @Id
    @Column(name = "timer_id")
    public UUID timerId;

    @Column(name = "worker_id", nullable = false)
    public String workerId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** When she expects to be done. */
    @Column(name = "expected_end", nullable = false)
    public Instant expectedEnd;

    /** Minutes after {@link #expectedEnd} before the timer becomes an alarm. */
    @Column(name = "grace_minutes", nullable = false)
    public int graceMinutes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TimerState state;

    /**
     * Her note (address, client's number), sealed to her public keyset ({@code WorkerSealing},
     * {@code SealedKind.TIMER_NOTE}, subject the timer id): only the registry opens it, for
     * dispatch. Never on Kafka, never logged. Deleted when she confirms with her cancel
     * PIN; kept when the timer became an alarm, for dispatch's claim check, until its incident
     * closes or a day after the timer ended ({@code AlarmRetention}).
     */
    @Column(name = "note")
    public byte[] note;

    /**
     * Whether she saved a note when she started it; unchanged when the note is dropped, so that her
     * view of a running timer does not change with it ({@code TimerView}).
     */
    @Column(name = "has_note", nullable = false)
    public boolean hasNote;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "missed_at")
    public Instant missedAt;

    /** When it becomes an alarm. */
    public Instant firesAt() {
        return expectedEnd.plus(Duration.ofMinutes(graceMinutes));
    }

    /** Running and not yet past its deadline (a timer past it is as good as missed). */
    public boolean runningAt(Instant now) {
        return state == TimerState.ACTIVE && firesAt().isAfter(now);
    }
}
