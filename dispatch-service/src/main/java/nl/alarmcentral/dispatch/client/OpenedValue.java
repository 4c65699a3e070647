package nl.alarmcentral.dispatch.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the registry answers when it opened a sealed value for dispatch.
 *
 * @param text the plain text (a position as JSON, or her timer note)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenedValue(String text) {
}
