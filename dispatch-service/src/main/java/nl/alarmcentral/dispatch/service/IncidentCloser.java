package nl.alarmcentral.dispatch.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Closes an incident and then tells the registry: {@link IncidentService#close} commits the
 * closing (card and details deleted, {@code incident.closed} in the outbox), after which the event
 * is published. Apart from {@link IncidentService} because publishing must follow the commit. The
 * console's "close" (with outcome and follow-up) calls this.
 */
@ApplicationScoped
public class IncidentCloser {

    private final IncidentService incidents;
    private final IncidentEventRelay relay;

    public IncidentCloser(IncidentService incidents, IncidentEventRelay relay) {
        this.incidents = incidents;
        this.relay = relay;
    }

    /**
     * Closes the incident unless it is closed already.
     *
     * @return whether it was closed now
     */
    public Uni<Boolean> close(UUID incidentId) {
        return incidents.close(incidentId).invoke(closed -> {
            if (closed) {
                relay.publishSoon(incidentId);
            }
        });
    }
}
