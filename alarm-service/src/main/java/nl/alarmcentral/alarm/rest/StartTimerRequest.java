package nl.alarmcentral.alarm.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * A new safety timer.
 *
 * @param minutes      from now to when she expects to be done: 5 minutes to 24 hours
 * @param graceMinutes how long after that before the alarm goes: 0 to 60 (default 5)
 * @param note         where she is and with whom (optional, at most 1000 characters); shown to a
 *                     dispatcher only if the timer becomes an alarm, never echoed back
 */
public record StartTimerRequest(
        @Min(5) @Max(1440) int minutes,
        @Min(0) @Max(60) Integer graceMinutes,
        @Size(max = 1000) String note) {
}
