package nl.alarmcentral.registry.rest;

import java.time.Instant;
import java.util.List;

import nl.alarmcentral.registry.Liaison;

/**
 * A worker's profile as she sees it.
 *
 * @param workingName    her working name
 * @param safetyNote     her safety note, or null
 * @param languages      the languages she speaks (ISO 639-1), possibly empty
 * @param callBackNumber her call-back number, or null
 * @param liaison        her liaison preference
 * @param updatedAt      when she last changed it
 */
public record ProfileView(String workingName, String safetyNote, List<String> languages, String callBackNumber,
        Liaison liaison, Instant updatedAt) {
}
