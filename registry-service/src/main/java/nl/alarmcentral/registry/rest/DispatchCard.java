package nl.alarmcentral.registry.rest;

/**
 * What the dispatcher may see of a worker during an open incident.
 *
 * @param workerId    her account id
 * @param workingName the name to address her by
 * @param safetyNote  her safety note, or null
 */
public record DispatchCard(String workerId, String workingName, String safetyNote) {
}
