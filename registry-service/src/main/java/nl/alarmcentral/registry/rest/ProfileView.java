package nl.alarmcentral.registry.rest;

import java.time.Instant;

/**
 * A worker's profile as she sees it.
 *
 * @param workingName her working name
 * @param safetyNote  her safety note, or null
 * @param updatedAt   when she last changed it
 */
public record ProfileView(String workingName, String safetyNote, Instant updatedAt) {
}
