package nl.alarmcentral.alarm.service;

import java.time.Instant;
import java.util.UUID;

/**
 * What a cancel looked like to her, whichever PIN she used.
 *
 * @param alarmId the alarm (for a countdown cancel: the id the alarm would have had)
 * @param at      when it was cancelled, as shown to her
 */
public record CancelResult(UUID alarmId, Instant at) {
}
