package nl.alarmcentral.registry.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.alarmcentral.registry.DisclosureOutcome;
import nl.alarmcentral.registry.DisclosurePurpose;
import nl.alarmcentral.registry.RefusalReason;

/**
 * Her disclosure log, newest first: every request for her card (granted or refused) and every
 * export she made herself. A request made for an incident appears only once that incident closed
 * and {@code registry.disclosures.visible-after} (24 h) passed; until then nothing about it shows,
 * so that someone holding her phone cannot tell that the central looked (docs/privacy.md, "Her
 * disclosure log and coercion").
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
     * @param incidentClosedAt when the incident closed, for a request made for an incident; null otherwise
     * @param heldBackUntil    when this entry started to show (the closing plus the delay), for a request made
     *                         for an incident; null for an entry that showed at once
     */
    public record Entry(Instant at, DisclosurePurpose purpose, DisclosureOutcome outcome, RefusalReason reason,
            UUID incidentId, String requestedBy, List<String> fields, Instant incidentClosedAt, Instant heldBackUntil) {
    }
}
