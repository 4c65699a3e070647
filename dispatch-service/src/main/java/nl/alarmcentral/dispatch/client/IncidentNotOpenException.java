package nl.alarmcentral.dispatch.client;

import java.util.UUID;

/**
 * The registry answered 409 {@code incident-not-open}: it has not (yet) seen the
 * {@code incident.opened} event for this incident, so it may not disclose the card. Usually a
 * matter of milliseconds; the caller asks again shortly.
 */
public class IncidentNotOpenException extends RuntimeException {

    public IncidentNotOpenException(UUID incidentId) {
        super("The registry does not know incident " + incidentId + " to be open yet");
    }
}
