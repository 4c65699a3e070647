package nl.alarmcentral.alarm.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a cancel, identical for the cancel PIN and the duress PIN.
 *
 * @param alarmId the alarm (for a countdown: the id the press has)
 * @param status  always {@code CANCELLED}: what she and anyone watching her screen see
 * @param at      when it was cancelled
 */
public record CancelReceipt(UUID alarmId, String status, Instant at) {

    public static final String CANCELLED = "CANCELLED";
}
