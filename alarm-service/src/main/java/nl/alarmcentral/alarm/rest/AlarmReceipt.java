package nl.alarmcentral.alarm.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a press: the alarm is durable and on its way to the dispatcher.
 *
 * @param alarmId    the alarm (the same for every retry of one press)
 * @param acceptedAt when the central first accepted it (the same for every retry), for the app's
 *                   "sent at" line
 */
public record AlarmReceipt(UUID alarmId, Instant acceptedAt) {
}
