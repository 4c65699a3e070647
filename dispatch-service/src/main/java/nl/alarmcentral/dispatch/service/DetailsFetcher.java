package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.client.AlarmDetailsNotFoundException;
import nl.alarmcentral.dispatch.client.AlarmServiceClient;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;

/**
 * Gets an alarm's claim-checked details (position, timer note) from alarm-service, apart from the
 * alarm itself, like {@link CardFetcher}: the incident shows at once, the details follow, and if
 * alarm-service cannot be reached the alarm says so and the fetch is retried in the background
 * while the incident is active.
 */
@ApplicationScoped
public class DetailsFetcher {

    private static final Logger LOG = Logger.getLogger(DetailsFetcher.class);

    /** A pending fetch older than this is assumed lost (for example by a restart) and redone. */
    private static final Duration PENDING_GRACE = Duration.ofSeconds(10);

    /**
     * How long after receiving an alarm a "not found" still means "not committed yet". Later,
     * alarm-service no longer has the details (erased) and dispatch stops asking.
     */
    private static final Duration NOT_FOUND_GRACE = Duration.ofMinutes(2);

    private final AlarmServiceClient alarmService;
    private final IncidentService incidentService;
    private final IncidentAlarmRepository alarms;
    private final BackgroundTasks background;
    private final IncidentChangePublisher changes;

    public DetailsFetcher(AlarmServiceClient alarmService, IncidentService incidentService, IncidentAlarmRepository alarms,
            BackgroundTasks background, IncidentChangePublisher changes) {
        this.changes = changes;
        this.alarmService = alarmService;
        this.incidentService = incidentService;
        this.alarms = alarms;
        this.background = background;
    }

    /** Starts fetching the alarm's details without making the caller wait. */
    public void fetchSoon(UUID alarmId) {
        background.runSoon("Storing the details of alarm " + alarmId, () -> fetch(alarmId, false));
    }

    /**
     * Fetches and stores the details; records "unavailable" when alarm-service cannot be reached.
     *
     * @param notFoundIsFinal whether a "not found" means the details are gone (rather than not committed yet)
     */
    public Uni<Void> fetch(UUID alarmId, boolean notFoundIsFinal) {
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
                .replaceWithVoid();
    }

    /** Retries details that could not be fetched, for alarms of incidents that are still active. */
    @Scheduled(every = "${dispatch.details-retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSession
    Uni<Void> retryMissingDetails() {
        Instant now = Instant.now();
        return alarms.listAwaitingDetails()
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .filter(alarm -> alarm.detailsStatus == DetailsStatus.UNAVAILABLE
                        || alarm.receivedAt.isBefore(now.minus(PENDING_GRACE)))
                .onItem().transformToUniAndConcatenate(alarm -> fetch(alarm.alarmId,
                        alarm.receivedAt.isBefore(now.minus(NOT_FOUND_GRACE)))
                        // One alarm's failure must not keep the others waiting until the next round.
                        .onFailure().invoke(failure -> LOG.warnf("Retrying the details of alarm %s failed: %s",
                                alarm.alarmId, failure.getClass().getName()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
