package nl.alarmcentral.registry.rest;

import java.time.Instant;
import java.util.List;

import nl.alarmcentral.registry.ConsentType;

/**
 * Her consents now (one entry for every type) and every decision she made, newest first.
 *
 * @param consents one per {@link ConsentType}
 * @param history  every decision, newest first
 */
public record ConsentsView(List<Consent> consents, List<Change> history) {

    /**
     * Where one consent stands.
     *
     * @param type        the consent
     * @param granted     whether it holds now
     * @param textVersion the text version of the last grant, or null if never granted
     * @param grantedAt   when it was last granted, or null
     * @param withdrawnAt when it was withdrawn, if it does not hold now after having been granted
     * @param fields      for {@code POLICE_FIELDS} while granted: the fields police may get
     */
    public record Consent(ConsentType type, boolean granted, String textVersion, Instant grantedAt, Instant withdrawnAt,
            List<String> fields) {
    }

    /**
     * One decision.
     *
     * @param type        the consent
     * @param granted     granted or withdrawn
     * @param textVersion the text version she agreed to (for a grant)
     * @param at          when
     * @param fields      for {@code POLICE_FIELDS}: the fields
     */
    public record Change(ConsentType type, boolean granted, String textVersion, Instant at, List<String> fields) {
    }
}
