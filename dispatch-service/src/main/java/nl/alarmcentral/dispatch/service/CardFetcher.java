package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.client.RegistryClient;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/**
 * Gets the worker's dispatch card for a new incident, apart from the alarm itself: the incident
 * shows at once with what the alarm carried, the card follows, and if the registry cannot be
 * reached the incident says so and the fetch is retried in the background.
 */
@ApplicationScoped
public class CardFetcher {

    private static final Logger LOG = Logger.getLogger(CardFetcher.class);

    /** A pending fetch older than this is assumed lost (for example by a restart) and redone. */
    private static final Duration PENDING_GRACE = Duration.ofSeconds(10);

    private final RegistryClient registry;
    private final IncidentService incidentService;
    private final IncidentRepository incidents;
    private final Vertx vertx;

    public CardFetcher(RegistryClient registry, IncidentService incidentService, IncidentRepository incidents, Vertx vertx) {
        this.registry = registry;
        this.incidentService = incidentService;
        this.incidents = incidents;
        this.vertx = vertx;
    }

    /** Starts fetching the card without making the caller wait. */
    public void fetchSoon(UUID incidentId, String workerId) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> fetch(incidentId, workerId).subscribe().with(
                done -> { },
                failure -> LOG.warnf("Storing the card of incident %s failed: %s", incidentId, failure.getClass().getName())));
    }

    /** Fetches and stores the card; records "unavailable" when the registry cannot be reached. */
    public Uni<Void> fetch(UUID incidentId, String workerId) {
        return registry.fetchCard(workerId, incidentId)
                .onItemOrFailure().transformToUni((card, failure) -> {
                    if (failure != null) {
                        LOG.warnf("Registry unreachable for incident %s (%s); will retry", incidentId,
                                failure.getClass().getSimpleName());
                        return incidentService.storeCard(incidentId, Optional.empty(), true);
                    }
                    return incidentService.storeCard(incidentId, card, false);
                });
    }

    /** Retries cards that could not be fetched, for incidents that are still active. */
    @Scheduled(every = "${dispatch.card-retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    Uni<Void> retryMissingCards() {
        Instant pendingBefore = Instant.now().minus(PENDING_GRACE);
        return incidents.listAwaitingCard()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(incident -> incident.cardStatus == CardStatus.UNAVAILABLE || incident.openedAt.isBefore(pendingBefore))
                .onItem().transformToUniAndConcatenate(incident -> fetch(incident.id, incident.workerId))
                .collect().last()
                .replaceWithVoid();
    }
}
