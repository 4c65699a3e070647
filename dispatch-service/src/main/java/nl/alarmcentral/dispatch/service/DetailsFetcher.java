package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import nl.alarmcentral.contract.crypto.SealedValue;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.client.AlarmDetails;
import nl.alarmcentral.dispatch.client.AlarmDetailsNotFoundException;
import nl.alarmcentral.dispatch.client.AlarmServiceClient;
import nl.alarmcentral.dispatch.client.IncidentNotOpenException;
import nl.alarmcentral.dispatch.client.RegistryClient;
import nl.alarmcentral.dispatch.client.SealedAlarmDetails;
import nl.alarmcentral.dispatch.messaging.IncidentChangePublisher;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;

/**
 * Gets an alarm's claim-checked details (position, timer note) from alarm-service into this
 * instance's memory ({@link IncidentCardStore}; never into the database), apart from the alarm
 * itself, like {@link CardFetcher}: the incident shows at once, the details follow, and if
 * alarm-service or the registry cannot be reached the alarm says so and the fetch is retried in the
 * background while the incident is not closed.
 *
 * <p>alarm-service answers the details sealed to her key; each sealed value is opened by the
 * registry for the alarm's incident, which records the look as a disclosure she sees
 * (docs/architecture.md, "Personal data outside the registry"). So each value is opened once per
 * instance (an alarm whose details are held is not fetched again); a 409 (the registry has not
 * seen the incident open yet) is asked again like the card's; a value the registry will not open
 * (404: no key or no consent; 400: it does not open) is shown as none. Logs name ids and kinds,
 * never a value. Every instance fetches for itself: the one that recorded the
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
    private final RegistryClient registry;
    private final ObjectMapper json;
    private final IncidentService incidentService;
    private final IncidentAlarmRepository alarms;
    private final BackgroundTasks background;
    private final IncidentChangePublisher changes;
    private final IncidentCardStore memory;
    private final Vertx vertx;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    public DetailsFetcher(AlarmServiceClient alarmService, RegistryClient registry, ObjectMapper json,
            IncidentService incidentService, IncidentAlarmRepository alarms, BackgroundTasks background,
            IncidentChangePublisher changes, IncidentCardStore memory, Vertx vertx) {
        this.changes = changes;
        this.alarmService = alarmService;
        this.registry = registry;
        this.json = json;
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

    /**
     * A read found details of an alarm of a resolved (not closed) incident that this instance has
     * not fetched: those alone are fetched, without making the reader wait ({@link CardFetcher}
     * says why the rounds leave resolved incidents alone).
     *
     * @param receivedAt when dispatch recorded the alarm: long enough ago, a "not found" is final
     */
    public void fetchOnRead(UUID alarmId, Instant receivedAt) {
        boolean old = receivedAt.isBefore(Instant.now().minus(NOT_FOUND_GRACE));
        background.runSoon("Fetching the details of alarm " + alarmId, () -> fetch(alarmId, old));
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
     * Fetches the details into memory, opened by the registry; records "unavailable" when
     * alarm-service or the registry cannot be reached. Nothing happens while the same alarm's
     * details are being fetched here already, or once they are held (each opening is a disclosure).
     *
     * @param notFoundIsFinal whether a "not found" means the details are gone (rather than not committed yet)
     */
    public Uni<Void> fetch(UUID alarmId, boolean notFoundIsFinal) {
        if (!memory.startFetchingDetails(alarmId)) {
            return Uni.createFrom().voidItem();
        }
        IncidentCardStore.DetailsEntry known = memory.details(alarmId);
        if (known != null && known.status() != DetailsStatus.UNAVAILABLE) {
            memory.doneFetchingDetails(alarmId);
            return Uni.createFrom().voidItem();
        }
        // Deferred: a client that cannot even be built (alarm-service's URL not configured) is an
        // outage like any other, not a stuck PENDING.
        return Uni.createFrom().deferred(() -> alarmService.fetchDetails(alarmId))
                .flatMap(sealed -> Panache.withSession(() -> alarms.findIncidentId(alarmId))
                        .flatMap(incidentId -> incidentId == null ? Uni.createFrom().<Opened>nullItem()
                                : open(alarmId, incidentId, sealed)))
                .onItemOrFailure().<IncidentChange>transformToUni((opened, failure) -> {
                    if (failure == null) {
                        return opened == null ? Uni.createFrom().nullItem()
                                : incidentService.storeDetails(alarmId, opened.status(), opened.details());
                    }
                    if (failure instanceof AlarmDetailsNotFoundException && notFoundIsFinal) {
                        LOG.infof("alarm-service has no details for alarm %s; no longer asking", alarmId);
                        return incidentService.storeDetails(alarmId, DetailsStatus.NONE, null);
                    }
                    LOG.warnf("Details of alarm %s not fetched or opened (%s); will retry", alarmId,
                            failure.getClass().getSimpleName());
                    return incidentService.storeDetails(alarmId, DetailsStatus.UNAVAILABLE, null);
                })
                .invoke(changes::changed)
                .replaceWithVoid()
                .onTermination().invoke(() -> memory.doneFetchingDetails(alarmId));
    }

    /** What the registry opened of an alarm's details, and how the alarm shows them. */
    private record Opened(DetailsStatus status, AlarmDetails details) {
    }

    /**
     * Has the registry open the position and the note, one after the other. AVAILABLE with what
     * opened; NONE when there was something sealed and nothing of it opened. Fails (and the whole is
     * retried) when the registry is unreachable or still does not know the incident open.
     */
    private Uni<Opened> open(UUID alarmId, UUID incidentId, SealedAlarmDetails sealed) {
        return openOne(alarmId, incidentId, sealed.location())
                .flatMap(position -> openOne(alarmId, incidentId, sealed.timerNote()).map(note -> {
                    AlarmDetails.Location location = position.map(text -> position(alarmId, text)).orElse(null);
                    String timerNote = note.orElse(null);
                    boolean anySealed = sealed.location() != null || sealed.timerNote() != null;
                    if (anySealed && location == null && timerNote == null) {
                        return new Opened(DetailsStatus.NONE, null);
                    }
                    return new Opened(DetailsStatus.AVAILABLE, new AlarmDetails(alarmId, location, timerNote));
                }));
    }

    /** One value opened by the registry; empty when there is none or the registry will not open it. */
    private Uni<Optional<String>> openOne(UUID alarmId, UUID incidentId, SealedValue value) {
        if (value == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        // Deferred, so that every retry asks the registry again.
        return Uni.createFrom().deferred(() -> registry.open(incidentId, value))
                .onFailure(IncidentNotOpenException.class).retry()
                .withBackOff(CardFetcher.NOT_OPEN_DELAY, CardFetcher.NOT_OPEN_DELAY).atMost(CardFetcher.NOT_OPEN_RETRIES)
                .invoke(text -> {
                    if (text.isEmpty()) {
                        LOG.infof("The registry did not open the %s of alarm %s; showing none", value.kind(), alarmId);
                    }
                });
    }

    /** The opened position (JSON of the contract's {@code AlarmPosition}); null when it is not one. */
    private AlarmDetails.Location position(UUID alarmId, String text) {
        try {
            return json.readValue(text, AlarmDetails.Location.class);
        } catch (JsonProcessingException e) {
            // The exception's message could quote the text: only the alarm id is logged.
            LOG.warnf("The opened position of alarm %s is not a position; showing none", alarmId);
            return null;
        }
    }

    /** The scheduled round: also retries details alarm-service could not give. */
    @Scheduled(every = "${dispatch.details-retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retryMissingDetails() {
        return round(true);
    }

    /**
     * One round over the alarms with details of unclosed incidents: records "none" for erased
     * workers' alarms (without asking alarm-service), and fetches the details this instance has not
     * fetched of unfinished incidents (and, with {@code retryUnavailable}, those it could not, a
     * resolved incident's too, once a read asked for them). What is held of closed
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
                    return known == null ? alarm.unfinished() : retryUnavailable && known.status() == DetailsStatus.UNAVAILABLE;
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
