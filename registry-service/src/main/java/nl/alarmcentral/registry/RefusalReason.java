package nl.alarmcentral.registry;

import java.util.Locale;

/**
 * Why a dispatch card was not disclosed. A closed set: these are also the values of the
 * {@code reason} label of {@code alarmcentral_disclosures_total}, so they never carry an id.
 */
public enum RefusalReason {
    /** No incident with that id is known here (not yet, after waiting, or never). */
    INCIDENT_UNKNOWN,
    /** The incident is closed. */
    INCIDENT_CLOSED,
    /** The incident is open, but for another worker. */
    INCIDENT_OF_OTHER_WORKER,
    /** She has no registration (never had one, or withdrew). */
    NOT_REGISTERED,
    /** She has not consented to the alarm service (ALARM_SERVICE), so she has no card. */
    NO_CONSENT;

    /** The metric label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
