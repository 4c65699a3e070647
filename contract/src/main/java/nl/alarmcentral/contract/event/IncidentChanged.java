package nl.alarmcentral.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@link EventTypes#INCIDENT_CHANGED} on {@link Topics#INCIDENT_CHANGES}: ids only.
 * Every dispatch-service instance rereads the incident from the database and pushes it to its own
 * consoles, so two instances behind one address show the same thing without a shared in-memory bus.
 *
 * @param incidentId the incident that changed
 * @param version    its version after the change (consoles ignore older ones)
 * @param changedAt  when it changed
 * @param opened     whether this change opened the incident (consoles sound their alert for it)
 */
public record IncidentChanged(UUID incidentId, long version, Instant changedAt, boolean opened) {
}
