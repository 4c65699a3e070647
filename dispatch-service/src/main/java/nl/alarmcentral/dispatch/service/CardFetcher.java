package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.client.IncidentNotOpenException;
import nl.alarmcentral.dispatch.client.RegistryCard;
import nl.alarmcentral.dispatch.client.RegistryClient;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/**
 * Gets the worker's dispatch card for a new incident, apart from the alarm itself: the incident
 * shows at once with what the alarm carried, the card follows, and if the registry cannot be
 * reached the incident says so and the fetch is retried in the background.
 *
 * <p>A card is asked for only once the registry has been told the incident is open
 * ({@code incident.opened} acknowledged, see {@link IncidentEventRelay}). The registry may still be
 * a moment behind and answer 409; that is asked again quickly ({@value #NOT_OPEN_RETRIES} times,
 * {@code NOT_OPEN_DELAY} apart) before the background retry takes over.
 */
@ApplicationScoped
public class CardFetcher {

    private static final Logger LOG = Logger.getLogger(CardFetcher.class);

    /** A pending fetch older than this is assumed lost (for example by a restart) and redone. */
    private static final Duration PENDING_GRACE = Duration.ofSeconds(10);

    /** How often a 409 ("incident not open yet") is asked again at once. */
    static final int NOT_OPEN_RETRIES = 5;

    /** The pause before asking again after a 409. */
    private static final Duration NOT_OPEN_DELAY = Duration.ofMillis(200);

    private final RegistryClient registry;
    private final IncidentService incidentService;
    private final IncidentRepository incidents;
    private final BackgroundTasks background;
    private final IncidentChangePublisher changes;

    public CardFetcher(RegistryClient registry, IncidentService incidentService, IncidentRepository incidents,
            BackgroundTasks background, IncidentChangePublisher changes) {
        this.changes = changes;
        this.registry = registry;
        this.incidentService = incidentService;
        this.incidents = incidents;
        this.background = background;
    }

    /** Starts fetching the card without making the caller wait. */
    public void fetchSoon(UUID incidentId, String workerId) {
        background.runSoon("Storing the card of incident " + incidentId, () -> fetch(incidentId, workerId));
    }

    /** Fetches and stores the card; records "unavailable" when the registry cannot be reached. */
    public Uni<Void> fetch(UUID incidentId, String workerId) {
        // Deferred, so that every retry asks the registry again.
        return Uni.createFrom().deferred(() -> registry.fetchCard(workerId, incidentId))
                .onFailure(IncidentNotOpenException.class).retry().withBackOff(NOT_OPEN_DELAY, NOT_OPEN_DELAY)
                .atMost(NOT_OPEN_RETRIES)
                .onItemOrFailure().transformToUni((card, failure) -> {
                    if (failure instanceof IncidentNotOpenException) {
                        LOG.warnf("The registry does not know incident %s to be open yet; will retry", incidentId);
                        return store(incidentId, Optional.empty(), true);
                    }
                    if (failure != null) {
                        LOG.warnf("Registry unreachable for incident %s (%s); will retry", incidentId,
                                failure.getClass().getSimpleName());
                        return store(incidentId, Optional.empty(), true);
                    }
                    return store(incidentId, card, false);
                });
    }

    /**
     * Stores the outcome; an event changing the incident at the same moment (an alarm joining it)
     * makes the write conflict, and the write is simply redone.
     */
    private Uni<Void> store(UUID incidentId, Optional<RegistryCard> card, boolean registryUnreachable) {
        return incidentService.storeCard(incidentId, card, registryUnreachable)
                .onFailure(OptimisticLockException.class).retry().atMost(3)
                .invoke(changes::changed)
                .replaceWithVoid();
    }

    /**
     * Retries cards that could not be fetched, for incidents that are still active and whose
     * {@code incident.opened} the broker has acknowledged.
     */
    @Scheduled(every = "${dispatch.card-retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    Uni<Void> retryMissingCards() {
        Instant pendingBefore = Instant.now().minus(PENDING_GRACE);
        return incidents.listAwaitingCard()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(incident -> incident.cardStatus == CardStatus.UNAVAILABLE || incident.openedAt.isBefore(pendingBefore))
                .onItem().transformToUniAndConcatenate(incident -> fetch(incident.id, incident.workerId)
                        // One incident's failure must not keep the others waiting until the next round.
                        .onFailure().invoke(failure -> LOG.warnf("Retrying the card of incident %s failed: %s",
                                incident.id, failure.getClass().getName()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
