package nl.alarmcentral.dispatch.repository;

import java.time.Instant;
import java.util.UUID;

import nl.alarmcentral.dispatch.IncidentStatus;

/**
 * Of an incident, only what the console sweep compares with what it sent: read as a projection, so
 * that a sweep over a busy central's last seconds (hundreds of incidents) loads no entities.
 */
public record IncidentVersion(UUID id, long version, IncidentStatus status, Instant openedAt) {
}
