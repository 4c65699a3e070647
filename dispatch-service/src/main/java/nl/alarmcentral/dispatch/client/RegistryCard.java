package nl.alarmcentral.dispatch.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A dispatch card as registry-service sends it. Unknown fields are ignored so the registry can
 * add fields before dispatch shows them.
 *
 * @param workerId    her account id
 * @param workingName the name to address her by
 * @param safetyNote  her safety note, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryCard(String workerId, String workingName, String safetyNote) {
}
