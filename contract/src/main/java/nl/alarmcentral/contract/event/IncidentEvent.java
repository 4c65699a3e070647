package nl.alarmcentral.contract.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of {@link EventTypes#INCIDENT_OPENED} and {@link EventTypes#INCIDENT_CLOSED} on
 * {@link Topics#INCIDENT_EVENTS}. The registry follows these to know for which incidents it may
 * disclose a worker's dispatch card; alarm-service follows the closings to drop the positions and
 * timer notes of exactly the alarms that were on the closed incident (not every alarm of hers up to
 * that time: an alarm raised just before the close may already belong to her next incident).
 *
 * @param incidentId the incident
 * @param workerId   the worker the incident is about; also the Kafka key
 * @param occurredAt when the incident changed state
 * @param alarmIds   on {@link EventTypes#INCIDENT_CLOSED}: the ids of the alarms on the incident's
 *                   timeline; empty on {@link EventTypes#INCIDENT_OPENED} and in events written
 *                   before this field existed (never null once read)
 */
public record IncidentEvent(UUID incidentId, String workerId, Instant occurredAt, List<UUID> alarmIds) {

    public IncidentEvent {
        alarmIds = alarmIds == null ? List.of() : List.copyOf(alarmIds);
    }

    /** An event without alarm ids ({@link EventTypes#INCIDENT_OPENED}). */
    public IncidentEvent(UUID incidentId, String workerId, Instant occurredAt) {
        this(incidentId, workerId, occurredAt, List.of());
    }
}
