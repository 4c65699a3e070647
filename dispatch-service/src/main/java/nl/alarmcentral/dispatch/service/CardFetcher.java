package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.client.IncidentNotOpenException;
import nl.alarmcentral.dispatch.client.RegistryCard;
import nl.alarmcentral.dispatch.client.RegistryClient;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/**
 * Gets the worker's dispatch card for an open incident into this instance's memory
 * ({@link IncidentCardStore}; never into the database), apart from the alarm itself: the incident
 * shows at once with what the alarm carried, the card follows, and if the registry cannot be
 * reached the incident says so and the fetch is retried in the background.
 *
 * <p>A card is asked for only once the registry has been told the incident is open
 * ({@code incident.opened} acknowledged, see {@link IncidentEventRelay}). The registry may still be
 * a moment behind and answer 409; that is asked again quickly ({@value #NOT_OPEN_RETRIES} times,
 * {@code NOT_OPEN_DELAY} apart) before the background retry takes over.
 *
 * <p>Every instance fetches for itself (the registry records each fetch as a disclosure): the
 * instance that opened the incident once its {@code incident.opened} is acknowledged; any instance
 * in its rounds ({@code dispatch.card-retry-interval}, and at once when a read finds an unclosed
 * incident whose card it has not fetched, {@link #fetchMissingSoon}), which fetch what is missing
 * (after a start: every unfinished incident's), retry what was unavailable, and drop what is held of
 * incidents closed meanwhile. One fetch per incident at a time.
 *
 * <p>A resolved incident that is not closed yet has left the console's list: its card is fetched
 * only when someone reads that incident ({@link #fetchOnRead}), not by the rounds. Each fetch is a
 * disclosure in her log, so a restart must not add one for every incident nobody is looking at (and
 * must not flood the registry while it starts too: a whole-stack restart with a hundred resolved
 * incidents kept the registry's warm-up from finishing for 30 s).
 */
@ApplicationScoped
public class CardFetcher {

    private static final Logger LOG = Logger.getLogger(CardFetcher.class);

    /** How often a 409 ("incident not open yet") is asked again at once. */
    static final int NOT_OPEN_RETRIES = 5;

    /** The pause before asking again after a 409. */
    static final Duration NOT_OPEN_DELAY = Duration.ofMillis(200);

    /** Reads that find cards missing within this moment start one round together. */
    private static final Duration WAKE_DELAY = Duration.ofMillis(50);

    private final RegistryClient registry;
    private final IncidentService incidentService;
    private final IncidentRepository incidents;
    private final BackgroundTasks background;
    private final IncidentChangePublisher changes;
    private final IncidentCardStore memory;
    private final Vertx vertx;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    public CardFetcher(RegistryClient registry, IncidentService incidentService, IncidentRepository incidents,
            BackgroundTasks background, IncidentChangePublisher changes, IncidentCardStore memory, Vertx vertx) {
        this.changes = changes;
        this.registry = registry;
        this.incidentService = incidentService;
        this.incidents = incidents;
        this.background = background;
        this.memory = memory;
        this.vertx = vertx;
    }

    /**
     * This instance opened the incident: its card is fetched once its {@code incident.opened} is
     * acknowledged ({@link #fetchSoon}), not by the reads of its first frames.
     */
    public void opened(UUID incidentId) {
        memory.announcing(incidentId);
    }

    /**
     * The incident's {@code incident.opened} was acknowledged: starts fetching its card without
     * making the caller wait, unless this instance has it or is fetching it.
     */
    public void fetchSoon(UUID incidentId, String workerId) {
        memory.announced(incidentId);
        IncidentCardStore.CardEntry known = memory.card(incidentId);
        if (known != null && known.status() != CardStatus.UNAVAILABLE) {
            return;
        }
        background.runSoon("Fetching a card", () -> fetch(incidentId, workerId));
    }

    /** A read found an unclosed incident whose card this instance has not fetched: a round starts soon. */
    public void fetchMissingSoon() {
        if (wakeScheduled.compareAndSet(false, true)) {
            vertx.setTimer(WAKE_DELAY.toMillis(), timer -> background.runSoon("Fetching missing cards", () -> {
                wakeScheduled.set(false);
                return round(false);
            }));
        }
    }

    /**
     * A read found a resolved (not closed) incident whose card this instance has not fetched: that
     * card alone is fetched, without making the reader wait.
     */
    public void fetchOnRead(UUID incidentId, String workerId) {
        background.runSoon("Fetching a card", () -> fetch(incidentId, workerId));
    }

    /**
     * Fetches the card into memory; records "unavailable" when the registry cannot be reached.
     * Nothing happens while the same incident's card is being fetched here already.
     */
    public Uni<Void> fetch(UUID incidentId, String workerId) {
        if (!memory.startFetchingCard(incidentId)) {
            return Uni.createFrom().voidItem();
        }
        // Deferred, so that every retry asks the registry again.
        return Uni.createFrom().deferred(() -> registry.fetchCard(workerId, incidentId))
                .onFailure(IncidentNotOpenException.class).retry().withBackOff(NOT_OPEN_DELAY, NOT_OPEN_DELAY)
                .atMost(NOT_OPEN_RETRIES)
                .onItemOrFailure().transformToUni((card, failure) -> {
                    if (failure instanceof IncidentNotOpenException) {
                        LOG.warn("The registry does not know an incident to be open yet; will retry");
                        return store(incidentId, Optional.empty(), true);
                    }
                    if (failure != null) {
                        LOG.warnf("Registry unreachable for a card (%s); will retry", failure.getClass().getSimpleName());
                        return store(incidentId, Optional.empty(), true);
                    }
                    return store(incidentId, card, false);
                })
                .onTermination().invoke(() -> memory.doneFetchingCard(incidentId));
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

    /** The scheduled round: also retries cards the registry could not give. */
    @Scheduled(every = "${dispatch.card-retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryMissingCards() {
        return round(true);
    }

    /**
     * One round over the unclosed incidents: drops what is held of incidents closed meanwhile,
     * records "none" for erased workers' incidents (without asking the registry), and fetches the
     * cards this instance has not fetched of unfinished incidents whose {@code incident.opened} the
     * broker has acknowledged; with {@code retryUnavailable} (the scheduled round) also those the
     * registry could not give (a resolved incident's too, once a read asked for it).
     */
    Uni<Void> round(boolean retryUnavailable) {
        Instant listedAt = Instant.now();
        return Panache.withSession(incidents::listUnclosed)
                .invoke(unclosed -> memory.keepOnly(unclosed.stream().map(IncidentRepository.Unclosed::id)
                        .collect(Collectors.toSet()), listedAt))
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(incident -> {
                    IncidentCardStore.CardEntry known = memory.card(incident.id());
                    if (incident.erased()) {
                        return known == null || known.status() != CardStatus.NONE;
                    }
                    if (known != null) {
                        return retryUnavailable && known.status() == CardStatus.UNAVAILABLE;
                    }
                    // Not before the registry has been told. An incident another instance opened is
                    // read here again when that instance's card arrives (its change), which is after
                    // the acknowledgement was recorded: that read wakes the round again. A resolved
                    // one only when read (fetchOnRead).
                    return incident.announced() && incident.unfinished();
                })
                .onItem().transformToUniAndConcatenate(incident -> (incident.erased()
                        ? store(incident.id(), Optional.empty(), false) : fetch(incident.id(), incident.workerId()))
                        // One incident's failure must not keep the others waiting until the next round.
                        .onFailure().invoke(failure -> LOG.warnf("Retrying a card failed: %s", failure.getClass().getName()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
