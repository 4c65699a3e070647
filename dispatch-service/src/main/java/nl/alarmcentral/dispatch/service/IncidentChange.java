package nl.alarmcentral.dispatch.service;

import java.time.Instant;
import java.util.UUID;

import nl.alarmcentral.dispatch.Incident;

/**
 * That an incident changed, as committed: its version after the change. Sent to every console
 * ({@link nl.alarmcentral.dispatch.messaging.IncidentChangePublisher}) once the transaction that made the change has committed.
 *
 * @param incidentId the incident
 * @param version    its version after the change
 * @param changedAt  when it changed
 * @param opened     whether this change opened the incident
 */
public record IncidentChange(UUID incidentId, long version, Instant changedAt, boolean opened) {

    /** The incident's change as it stands; call it after the change was flushed (the version is raised then). */
    public static IncidentChange of(Incident incident) {
        return new IncidentChange(incident.id, incident.version, incident.changedAt, false);
    }

    /** The change that opened the incident; call it after the change was flushed. */
    public static IncidentChange opening(Incident incident) {
        return new IncidentChange(incident.id, incident.version, incident.changedAt, true);
    }
}
