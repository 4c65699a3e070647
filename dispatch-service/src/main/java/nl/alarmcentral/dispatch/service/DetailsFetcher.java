package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.client.AlarmDetailsNotFoundException;
import nl.alarmcentral.dispatch.client.AlarmServiceClient;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;

/**
 * Gets an alarm's claim-checked details (position, timer note) from alarm-service into this
 * instance's memory ({@link IncidentCardStore}; never into the database), apart from the alarm
 * itself, like {@link CardFetcher}: the incident shows at once, the details follow, and if
 * alarm-service cannot be reached the alarm says so and the fetch is retried in the background
 * while the incident is not closed. Every instance fetches for itself: the one that recorded the
 * alarm at once, any instance in its rounds ({@code dispatch.details-retry-interval}, and at once
 * when a read finds details it has not fetched, {@link #fetchMissingSoon}). One fetch per alarm at
 * a time.
 */
@ApplicationScoped
public class DetailsFetcher {

    private static final Logger LOG = Logger.getLogger(DetailsFetcher.class);

    /**
     * How long after receiving an alarm a "not found" still means "not committed yet". Later,
     * alarm-service no longer has the details (erased) and dispatch stops asking.
     */
    private static final Duration NOT_FOUND_GRACE = Duration.ofMinutes(2);

    /** Reads that find details missing within this moment start one round together. */
    private static final Duration WAKE_DELAY = Duration.ofMillis(50);

    private final AlarmServiceClient alarmService;
    private final IncidentService incidentService;
    private final IncidentAlarmRepository alarms;
    private final BackgroundTasks background;
    private final IncidentChangePublisher changes;
    private final IncidentCardStore memory;
    private final Vertx vertx;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    public DetailsFetcher(AlarmServiceClient alarmService, IncidentService incidentService, IncidentAlarmRepository alarms,
            BackgroundTasks background, IncidentChangePublisher changes, IncidentCardStore memory, Vertx vertx) {
        this.changes = changes;
        this.alarmService = alarmService;
        this.incidentService = incidentService;
        this.alarms = alarms;
        this.background = background;
        this.memory = memory;
        this.vertx = vertx;
    }

    /** Starts fetching the alarm's details without making the caller wait. */
    public void fetchSoon(UUID alarmId) {
        background.runSoon("Fetching the details of alarm " + alarmId, () -> fetch(alarmId, false));
    }

    /** A read found details this instance has not fetched: a round starts soon. */
    public void fetchMissingSoon() {
        if (wakeScheduled.compareAndSet(false, true)) {
            vertx.setTimer(WAKE_DELAY.toMillis(), timer -> background.runSoon("Fetching missing alarm details", () -> {
                wakeScheduled.set(false);
                return round(false);
            }));
        }
    }

    /**
     * Fetches the details into memory; records "unavailable" when alarm-service cannot be reached.
     * Nothing happens while the same alarm's details are being fetched here already.
     *
     * @param notFoundIsFinal whether a "not found" means the details are gone (rather than not committed yet)
     */
    public Uni<Void> fetch(UUID alarmId, boolean notFoundIsFinal) {
        if (!memory.startFetchingDetails(alarmId)) {
            return Uni.createFrom().voidItem();
        }
        // Deferred: a client that cannot even be built (alarm-service's URL not configured) is an
        // outage like any other, not a stuck PENDING.
        return Uni.createFrom().deferred(() -> alarmService.fetchDetails(alarmId))
                .onItemOrFailure().<IncidentChange>transformToUni((details, failure) -> {
                    if (failure == null) {
                        return incidentService.storeDetails(alarmId, DetailsStatus.AVAILABLE, details);
                    }
                    if (failure instanceof AlarmDetailsNotFoundException && notFoundIsFinal) {
                        LOG.infof("alarm-service has no details for alarm %s; no longer asking", alarmId);
                        return incidentService.storeDetails(alarmId, DetailsStatus.NONE, null);
                    }
                    LOG.warnf("Details of alarm %s not fetched (%s); will retry", alarmId, failure.getClass().getSimpleName());
                    return incidentService.storeDetails(alarmId, DetailsStatus.UNAVAILABLE, null);
                })
                .invoke(changes::changed)
                .replaceWithVoid()
                .onTermination().invoke(() -> memory.doneFetchingDetails(alarmId));
    }

    /** The scheduled round: also retries details alarm-service could not give. */
    @Scheduled(every = "${dispatch.details-retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryMissingDetails() {
        return round(true);
    }

    /**
     * One round over the alarms with details of unclosed incidents: records "none" for erased
     * workers' alarms (without asking alarm-service), and fetches the details this instance has not
     * fetched (and, with {@code retryUnavailable}, those it could not). What is held of closed
     * incidents is dropped by {@link CardFetcher}'s round.
     */
    Uni<Void> round(boolean retryUnavailable) {
        Instant notFoundBefore = Instant.now().minus(NOT_FOUND_GRACE);
        return Panache.withSession(() -> alarms.listWithDetailsUnclosed(notFoundBefore))
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(alarm -> {
                    IncidentCardStore.DetailsEntry known = memory.details(alarm.alarmId());
                    if (alarm.erased()) {
                        return known == null || known.status() != DetailsStatus.NONE;
                    }
                    return known == null || retryUnavailable && known.status() == DetailsStatus.UNAVAILABLE;
                })
                .onItem().transformToUniAndConcatenate(alarm -> (alarm.erased()
                        ? incidentService.storeDetails(alarm.alarmId(), DetailsStatus.NONE, null).invoke(changes::changed)
                                .replaceWithVoid()
                        : fetch(alarm.alarmId(), alarm.old()))
                        // One alarm's failure must not keep the others waiting until the next round.
                        .onFailure().invoke(failure -> LOG.warnf("Retrying the details of alarm %s failed: %s",
                                alarm.alarmId(), failure.getClass().getName()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
