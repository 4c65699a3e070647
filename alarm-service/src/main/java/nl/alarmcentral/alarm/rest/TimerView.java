package nl.alarmcentral.alarm.rest;

import java.time.Instant;
import java.util.UUID;

import nl.alarmcentral.alarm.SafetyTimer;
import nl.alarmcentral.alarm.TimerState;

/**
 * A safety timer as she sees it. The note itself is never shown back (only that one is saved), so
 * a glance at her phone does not show it.
 *
 * @param id           the timer
 * @param startedAt    when she started it
 * @param expectedEnd  when she expects to be done
 * @param graceMinutes minutes after that before the alarm goes
 * @param state        {@code ACTIVE}, {@code CONFIRMED} or {@code MISSED}
 * @param hasNote      whether a note is saved with a running timer
 */
public record TimerView(UUID id, Instant startedAt, Instant expectedEnd, int graceMinutes, TimerState state,
        boolean hasNote) {

    public static TimerView of(SafetyTimer timer) {
        // Only a running timer "has" a note for her: after a confirmation it is gone (or, after the
        // duress PIN, kept for dispatch only), and both must look the same. Whether she saved one, not
        // whether it is still stored: a running timer's note can be dropped when the incident of its
        // alarm (raised by a duress PIN while PIN entry was locked) closes, which the cancel PIN never does.
        return new TimerView(timer.timerId, timer.startedAt, timer.expectedEnd, timer.graceMinutes, timer.state,
                timer.state == TimerState.ACTIVE && timer.hasNote);
    }
}
