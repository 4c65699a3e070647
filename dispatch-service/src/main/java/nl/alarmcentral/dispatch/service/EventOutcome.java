package nl.alarmcentral.dispatch.service;

import java.util.UUID;

/**
 * What recording an event did, as far as work after its transaction is concerned.
 *
 * @param incidentId  the incident the event joined or opened, or null when it joined none
 * @param workerId    whose incident it is, or null
 * @param newIncident whether the event opened the incident (its {@code incident.opened} must be
 *                    published, then its card fetched)
 * @param detailsOf   the alarm whose claim-checked details must be fetched, or null
 * @param change      the incident's change, to be sent to the consoles; null when it joined none
 */
public record EventOutcome(UUID incidentId, String workerId, boolean newIncident, UUID detailsOf, IncidentChange change) {

    /** The event changed no incident: a redelivery, or an event with nothing to attach to. */
    public static final EventOutcome NONE = new EventOutcome(null, null, false, null, null);
}
