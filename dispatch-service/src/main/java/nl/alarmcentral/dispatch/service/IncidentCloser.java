package nl.alarmcentral.dispatch.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;

/**
 * Closes an incident whatever its state, and then tells the registry and the consoles:
 * {@link IncidentService#close} commits the closing (card and details dropped from memory,
 * {@code incident.closed} in the outbox), after which the event is published. Apart from
 * {@link IncidentService} because publishing must follow the commit. Dispatchers close through
 * {@link IncidentActionService#close} (resolved incidents only); this is for the central itself.
 */
@ApplicationScoped
public class IncidentCloser {

    private final IncidentService incidents;
    private final IncidentEventRelay relay;
    private final IncidentChangePublisher changes;

    public IncidentCloser(IncidentService incidents, IncidentEventRelay relay, IncidentChangePublisher changes) {
        this.incidents = incidents;
        this.relay = relay;
        this.changes = changes;
    }

    /**
     * Closes the incident unless it is closed already.
     *
     * @return whether it was closed now
     */
    public Uni<Boolean> close(UUID incidentId) {
        return incidents.close(incidentId).map(this::announced);
    }

    /**
     * After a closing committed (here, by a dispatcher or by the housekeeping): publishes its
     * {@code incident.closed} and tells the consoles.
     *
     * @param closing the closing's change; null when nothing was closed (nothing is announced)
     * @return whether there was a closing to announce
     */
    public boolean announced(IncidentChange closing) {
        if (closing == null) {
            return false;
        }
        relay.publishSoon(closing.incidentId());
        changes.changed(closing);
        return true;
    }
}
