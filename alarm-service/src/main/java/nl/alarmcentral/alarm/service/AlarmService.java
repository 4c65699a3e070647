package nl.alarmcentral.alarm.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.config.AlarmConfig;
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.alarm.service.AlarmMetrics.Store;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.Unavailability;

/**
 * Turns a press into an accepted alarm: durable in the database or on the broker before she is
 * told (docs/architecture.md, "Durability before the answer").
 * <ul>
 * <li>{@link #raise}: the alarm row is written (it is its own outbox) and its event published at
 * once through {@link EventOutbox}; when the broker does not acknowledge in time the row commits
 * unpublished and the relay publishes it. Buttons, safety timers and a duress countdown use this
 * directly: they need the database anyway.</li>
 * <li>{@link #accept}, for the app: the same, but when the database is away (refused, broken or
 * too slow, see {@link Unavailability}) the alarm goes straight to the broker, whose
 * acknowledgement alone makes it durable; the row follows from the topic
 * ({@code AlarmRowFollower}), the position waits in memory ({@link UnstoredAlarms}). Neither
 * store: 503 with {@code Retry-After}.</li>
 * </ul>
 * A repeat of the same press (same client reference, hence the same alarm id) returns the same
 * alarm; its event is published again only while it is not acknowledged, and dispatch recognises
 * the id.
 * A press she withdrew in the countdown with her cancel PIN ({@link Alarm#withdrawnAt}) is returned
 * like any repeat and never published.
 */
@ApplicationScoped
public class AlarmService {

    private static final Logger LOG = Logger.getLogger(AlarmService.class);

    /** The worker id of {@link #rehearse()}: not a Keycloak subject (those are UUIDs). */
    static final String REHEARSAL_WORKER = "alarm-service-rehearsal";
    private static final UUID REHEARSAL_CLIENT_REF = new UUID(0, 0);

    private final AlarmRepository alarms;
    private final EventOutbox outbox;
    private final UnstoredAlarms unstored;
    private final AlarmConfig config;
    private final AlarmMetrics metrics;
    private final StoreBreaker database;
    private final WorkerSealer sealer;

    public AlarmService(AlarmRepository alarms, EventOutbox outbox, UnstoredAlarms unstored, AlarmConfig config,
            AlarmMetrics metrics, WorkerSealer sealer) {
        this.alarms = alarms;
        this.sealer = sealer;
        this.outbox = outbox;
        this.unstored = unstored;
        this.config = config;
        this.metrics = metrics;
        this.database = new StoreBreaker(config.storeRetryInterval());
    }

    /**
     * An accepted press, as the app is told.
     *
     * @param alarmId    the alarm (the same for every retry of one press)
     * @param acceptedAt when the central first accepted it (the same for every retry)
     * @param store      where it is durable first
     */
    public record Accepted(UUID alarmId, Instant acceptedAt, Store store) {
    }

    /**
     * Accepts a press from the app in whichever store can take it: the database, else the broker.
     *
     * @param clientRef the app's reference for this press, reused on retries
     * @param location  where she was, or null
     */
    public Uni<Accepted> accept(String workerId, AlarmKind kind, UUID clientRef, Location location) {
        Alarm earlier = unstored.find(AlarmIds.of(workerId, clientRef));
        if (earlier != null) {
            return Uni.createFrom().item(new Accepted(earlier.alarmId, earlier.raisedAt, Store.BROKER));
        }
        if (!database.allow()) {
            return throughBroker(candidate(workerId, kind, AlarmChannel.APP, clientRef, location, false));
        }
        return detached(raise(workerId, kind, AlarmChannel.APP, clientRef, location))
                .ifNoItem().after(config.databaseTimeout().plus(config.publishWait())).fail()
                .emitOn(CallerContext.current())
                .map(alarm -> {
                    database.succeeded();
                    return new Accepted(alarm.alarmId, alarm.raisedAt, Store.DATABASE);
                })
                .onFailure(Unavailability::isUnavailable).recoverWithUni(failure -> {
                    database.failed();
                    // The class only: a database error's message can quote data.
                    LOG.warnf("The database did not take an alarm (%s); publishing it to the broker alone",
                            failure.getClass().getName());
                    return throughBroker(candidate(workerId, kind, AlarmChannel.APP, clientRef, location, false));
                });
    }

    /** Raises an alarm in the database (see the class comment) and publishes it if the broker is there. */
    @WithTransaction
    public Uni<Alarm> raise(String workerId, AlarmKind kind, AlarmChannel channel, UUID clientRef, Location location) {
        return raise(workerId, kind, channel, clientRef, location, false);
    }

    /**
     * Raises an alarm that has details kept elsewhere in this service (a safety timer's note), so
     * that its event says dispatch has details to fetch.
     *
     * @param otherDetails whether details besides the position exist for this alarm
     * @return the accepted alarm (the earlier one, for a repeated press)
     */
    @WithTransaction
    public Uni<Alarm> raise(String workerId, AlarmKind kind, AlarmChannel channel, UUID clientRef, Location location,
            boolean otherDetails) {
        Alarm candidate = candidate(workerId, kind, channel, clientRef, location, otherDetails);
        // Sealed to her key before it is written (never plain in a row); without her key, no position.
        return sealer.sealPosition(candidate).flatMap(alarms::insertIfAbsentAndLock).flatMap(stored -> {
            Alarm alarm = stored.alarm();
            if (alarm.withdrawnAt != null) {
                // She withdrew this press in the countdown with her cancel PIN: a retry of it gets
                // the same answer as any repeat, and raises nothing.
                return Uni.createFrom().item(alarm);
            }
            if (stored.isNew()) {
                metrics.received(alarm.channel, alarm.kind, Store.DATABASE);
                LOG.infof("Alarm %s accepted (kind %s, channel %s)", alarm.alarmId, alarm.kind, alarm.channel);
            }
            if (alarm.publishedAt != null || !stored.locked()) {
                return Uni.createFrom().item(alarm);
            }
            return outbox.publishNow(OutgoingEvent.of(alarm), EventOutbox.Copy.ALARM_ROW).map(acknowledged -> {
                if (acknowledged) {
                    alarm.publishedAt = Instant.now();
                }
                return alarm;
            });
        });
    }

    /**
     * Stores the alarm a press would have had as withdrawn (her cancel PIN in the countdown, before
     * anything was sent), in the caller's transaction: the same id, kind and channel, no position,
     * never published. Returns the stored row, locked, which is an alarm that was sent if the press
     * reached the central first (then {@link Alarm#withdrawnAt} is null and the caller cancels it).
     */
    public Uni<Alarm> storeWithdrawn(String workerId, AlarmKind kind, AlarmChannel channel, UUID clientRef) {
        Alarm candidate = candidate(workerId, kind, channel, clientRef, null, false);
        candidate.withdrawnAt = candidate.raisedAt;
        return alarms.insertIfAbsentAndLock(candidate).map(AlarmRepository.Stored::alarm);
    }

    /**
     * Reinstates an alarm she withdrew in the countdown (her duress PIN came later) and publishes it
     * now if the broker is there, else the relay does; in the caller's transaction, which holds its
     * lock.
     */
    public Uni<Void> reinstate(Alarm alarm) {
        alarm.withdrawnAt = null;
        metrics.received(alarm.channel, alarm.kind, Store.DATABASE);
        LOG.infof("Alarm %s accepted (kind %s, channel %s)", alarm.alarmId, alarm.kind, alarm.channel);
        // A managed row: both changes are written when the caller's transaction commits.
        return outbox.publishNow(OutgoingEvent.of(alarm), EventOutbox.Copy.ALARM_ROW).invoke(acknowledged -> {
            if (acknowledged) {
                alarm.publishedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    /**
     * Writes the row of an alarm the broker has and the database did not: from the topic
     * ({@code AlarmRowFollower}) or from this instance's memory ({@link UnstoredAlarms}). Harmless
     * when the row exists: it then only gains the position it lacked and is marked published. A
     * position held in memory is sealed to her key as it is written.
     */
    @WithTransaction
    public Uni<Void> writeFollowed(Alarm alarm) {
        return sealer.sealPosition(alarm).flatMap(alarms::writeFollowed).replaceWithVoid();
    }

    /**
     * Runs a press for a synthetic alarm (a reserved worker id no account can have) and rolls it
     * back: warms the connection pool, the prepared statements, the lookup of her keyset and the
     * sealing of a position ({@link WorkerSealer#rehearse}), the locking query, and the publishing
     * of its event with the wait for the broker's acknowledgement, at start, without touching any
     * worker's data. The event goes out as a rehearsal ({@link OutgoingEvent#asRehearsal()}),
     * which every consumer skips.
     *
     * @return the event that alarm would have had, for the caller to serialise
     */
    @WithTransaction
    public Uni<OutgoingEvent> rehearse() {
        Alarm candidate = rehearsalCandidate();
        return sealer.rehearse(REHEARSAL_WORKER)
                .flatMap(ignored -> alarms.insertIfAbsentAndLock(candidate))
                // Published as a press publishes its alarm, but as a rehearsal, which every consumer skips.
                .call(stored -> outbox.publishNow(OutgoingEvent.of(stored.alarm()).asRehearsal(), EventOutbox.Copy.ALARM_ROW))
                .map(stored -> OutgoingEvent.of(stored.alarm()))
                .call(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback));
    }

    /**
     * What the readiness check sends through the broker to warm the producer's first send: the
     * synthetic alarm's event as a rehearsal, which every consumer skips. Touches no database.
     */
    public OutgoingEvent rehearsalEvent() {
        return OutgoingEvent.of(rehearsalCandidate()).asRehearsal();
    }

    /** The synthetic alarm of every rehearsal: a panic from the app of the reserved worker id. */
    private static Alarm rehearsalCandidate() {
        return candidate(REHEARSAL_WORKER, AlarmKind.PANIC, AlarmChannel.APP, REHEARSAL_CLIENT_REF, null, false);
    }

    private Uni<Accepted> throughBroker(Alarm alarm) {
        return outbox.publishNotStored(OutgoingEvent.of(alarm), alarm.clientRef)
                .map(ignored -> {
                    alarm.publishedAt = Instant.now();
                    unstored.put(alarm);
                    metrics.received(alarm.channel, alarm.kind, Store.BROKER);
                    LOG.infof("Alarm %s accepted by the broker alone (kind %s, channel %s); its row follows",
                            alarm.alarmId, alarm.kind, alarm.channel);
                    return new Accepted(alarm.alarmId, alarm.raisedAt, Store.BROKER);
                })
                .onFailure().transform(failure -> {
                    metrics.notDurable();
                    return ProblemException.unavailable(
                            "The alarm could not be made durable. Retry with the same clientRef, or call 112.",
                            config.retryAfter(), failure);
                });
    }

    private static Alarm candidate(String workerId, AlarmKind kind, AlarmChannel channel, UUID clientRef,
            Location location, boolean otherDetails) {
        Alarm candidate = new Alarm();
        candidate.alarmId = AlarmIds.of(workerId, clientRef);
        candidate.workerId = workerId;
        candidate.clientRef = clientRef;
        candidate.kind = kind;
        candidate.channel = channel;
        // As PostgreSQL stores it (microseconds), so that every answer for this alarm says the same.
        candidate.raisedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Plain in memory only; sealed when the row is written (WorkerSealer).
        candidate.position = location;
        candidate.hasDetails = location != null || otherDetails;
        return candidate;
    }

    /**
     * The same work, but not cancelled when the caller stops waiting for it (a timeout): a
     * transaction that is still running is left to finish or fail on its own rather than being
     * cut off halfway. Both outcomes are harmless, because the alarm id is the same either way.
     */
    private static <T> Uni<T> detached(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
