package nl.alarmcentral.registry.service;

import java.util.List;

import nl.alarmcentral.registry.ConsentType;

/**
 * One consent decision as it is stored (encrypted) in {@code consent_change.content}; when it was
 * made is the row's {@code changed_at}.
 *
 * @param type        the consent
 * @param granted     granted or withdrawn
 * @param textVersion the consent text version she agreed to (for a grant)
 * @param fields      for {@code POLICE_FIELDS}: the card fields police may get; else null
 */
public record ConsentDecision(ConsentType type, boolean granted, String textVersion, List<String> fields) {
}
