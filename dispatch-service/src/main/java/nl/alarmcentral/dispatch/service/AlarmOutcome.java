package nl.alarmcentral.dispatch.service;

import java.util.UUID;

/**
 * What recording an alarm event did.
 *
 * @param incidentId  the incident the alarm belongs to
 * @param workerId    whose incident it is
 * @param newIncident whether the alarm opened the incident (its card must be fetched)
 * @param duplicate   whether the event had been recorded before (a redelivery)
 */
public record AlarmOutcome(UUID incidentId, String workerId, boolean newIncident, boolean duplicate) {
}
