package nl.alarmcentral.registry.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.config.RegistryConfig;
import nl.alarmcentral.registry.repository.KnownIncidentRepository;
import nl.alarmcentral.registry.rest.DispatchCard;

/**
 * Discloses a worker's dispatch card to dispatch-service, only for an incident the registry knows
 * to be open for her. dispatch publishes the opening before it asks, so the opening may still be on
 * its way: the request waits for it a little ({@code registry.disclosure.incident-wait}, 2 s),
 * then the decision is made and recorded ({@link CardDisclosure}) and counted.
 *
 * <p>Answers: the card; 409 when the incident is not known open (dispatch retries); 404 when she
 * has no registration or no ALARM_SERVICE consent (both look the same: "no card").
 */
@ApplicationScoped
public class DispatchCardService {

    private final KnownIncidentRepository incidents;
    private final CardDisclosure disclosure;
    private final RegistryMetrics metrics;
    private final RegistryConfig config;
    private final Vertx vertx;

    public DispatchCardService(KnownIncidentRepository incidents, CardDisclosure disclosure, RegistryMetrics metrics,
            RegistryConfig config, Vertx vertx) {
        this.incidents = incidents;
        this.disclosure = disclosure;
        this.metrics = metrics;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * Her card for the incident, or a problem.
     *
     * @param requestedBy the client id of the service account that asks
     */
    public Uni<DispatchCard> request(String workerId, UUID incidentId, String requestedBy) {
        return decision(workerId, incidentId, requestedBy)
                .map(decision -> {
                    if (decision.card() != null) {
                        metrics.cardGranted();
                        return decision.card();
                    }
                    metrics.cardRefused(decision.refusal());
                    throw switch (decision.refusal()) {
                        case INCIDENT_UNKNOWN, INCIDENT_CLOSED, INCIDENT_OF_OTHER_WORKER -> ProblemException.conflict(
                                "The registry does not know this incident as open for this worker.");
                        case NOT_REGISTERED, NO_CONSENT -> ProblemException.notFound("This worker has no dispatch card.");
                    };
                });
    }

    /**
     * Waits for the incident to be known, then decides and records the disclosure; not counted.
     * Besides {@link #request}, only the card path's warm-up uses it: its rolled-back synthetic
     * requests are no disclosures for ops.
     */
    Uni<CardDecision> decision(String workerId, UUID incidentId, String requestedBy) {
        Instant deadline = Instant.now().plus(config.disclosure().incidentWait());
        return awaitOpen(workerId, incidentId, deadline, Vertx.currentContext())
                .flatMap(state -> disclosure.decide(workerId, incidentId, requestedBy, state));
    }

    /**
     * Looks up the incident, in a fresh session each time, until it is open for her, shown to be
     * closed or someone else's, or the deadline passes.
     */
    private Uni<IncidentState> awaitOpen(String workerId, UUID incidentId, Instant deadline, Context context) {
        return Panache.withSession(() -> incidents.findById(incidentId))
                .map(incident -> IncidentState.of(incident, workerId))
                .flatMap(state -> state != IncidentState.UNKNOWN || !Instant.now().isBefore(deadline)
                        ? Uni.createFrom().item(state)
                        : pause(config.disclosure().incidentPoll(), context)
                                .flatMap(ignored -> awaitOpen(workerId, incidentId, deadline, context)));
    }

    /** Waits on a Vert.x timer and resumes on the request's context (the session needs it). */
    private Uni<Void> pause(Duration duration, Context context) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(Math.max(1, duration.toMillis()), id -> {
            if (context == null) {
                emitter.complete(null);
            } else {
                context.runOnContext(ignored -> emitter.complete(null));
            }
        }));
    }
}
