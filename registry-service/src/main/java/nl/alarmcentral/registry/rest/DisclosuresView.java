package nl.alarmcentral.registry.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.alarmcentral.registry.DisclosureOutcome;
import nl.alarmcentral.registry.DisclosurePurpose;
import nl.alarmcentral.registry.RefusalReason;

/**
 * Her disclosure log, newest first: every request for her card (granted or refused) and every
 * export she made herself.
 *
 * @param disclosures newest first
 */
public record DisclosuresView(List<Entry> disclosures) {

    /**
     * One request and its answer.
     *
     * @param at          when
     * @param purpose     {@code EMERGENCY_DISPATCH} (a card request) or {@code WORKER_OWN_ACCESS} (her export)
     * @param outcome     whether data was disclosed
     * @param reason      why not, for a refusal
     * @param incidentId  the incident, for a card request
     * @param requestedBy the client that asked (for example {@code dispatch-service})
     * @param fields      the names of the fields disclosed (never their values)
     */
    public record Entry(Instant at, DisclosurePurpose purpose, DisclosureOutcome outcome, RefusalReason reason,
            UUID incidentId, String requestedBy, List<String> fields) {
    }
}
