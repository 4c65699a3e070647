package nl.alarmcentral.contract.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@link EventTypes#INCIDENT_OPENED} and {@link EventTypes#INCIDENT_CLOSED} on
 * {@link Topics#INCIDENT_EVENTS}. The registry follows these to know for which incidents it may
 * disclose a worker's dispatch card.
 *
 * @param incidentId the incident
 * @param workerId   the worker the incident is about; also the Kafka key
 * @param occurredAt when the incident changed state
 */
public record IncidentEvent(UUID incidentId, String workerId, Instant occurredAt) {
}
