package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.AlarmCancel;
import nl.alarmcentral.alarm.PinPurpose;
import nl.alarmcentral.alarm.config.AlarmConfig;
import nl.alarmcentral.alarm.messaging.AlarmEventPublisher;
import nl.alarmcentral.alarm.repository.AlarmCancelRepository;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.contract.event.AlarmCancellation;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;

/**
 * Cancelling an alarm with a PIN, where the duress PIN looks exactly like a cancel and silently
 * escalates. The rules:
 * <ul>
 * <li>Cancel PIN: {@code alarm.cancelled} once; repeating it answers the same and publishes
 * nothing new.</li>
 * <li>Duress PIN: {@code alarm.duress} once, also after a cancel (escalation wins), also while PIN
 * entry is locked (then the answer is "locked", as for any PIN).</li>
 * <li>Cancel PIN after a duress: answers like a cancel and publishes nothing: alarm-service never
 * sends anything that could de-escalate a duress.</li>
 * </ul>
 * Both PINs answer with the same status, body and headers; both cost the same two hash checks,
 * which dominate the time. Event ids are derived from (alarm, cancel|duress), so a retry after a
 * lost answer is the same event.
 */
@ApplicationScoped
public class CancelService {

    private static final Logger LOG = Logger.getLogger(CancelService.class);

    private final AlarmRepository alarms;
    private final AlarmCancelRepository cancels;
    private final AlarmService alarmService;
    private final AlarmEventPublisher publisher;
    private final PinService pins;
    private final AlarmConfig alarmConfig;

    public CancelService(AlarmRepository alarms, AlarmCancelRepository cancels, AlarmService alarmService,
            AlarmEventPublisher publisher, PinService pins, AlarmConfig alarmConfig) {
        this.alarms = alarms;
        this.cancels = cancels;
        this.alarmService = alarmService;
        this.publisher = publisher;
        this.pins = pins;
        this.alarmConfig = alarmConfig;
    }

    /** Cancels one of her alarms; 404 for an alarm that is not hers or not known. */
    public Uni<CancelResult> cancel(String workerId, UUID alarmId, String pin) {
        return findOwn(workerId, alarmId).flatMap(alarm -> {
            if (alarm == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No such alarm."));
            }
            return pins.check(workerId, PinPurpose.CANCEL, pin).flatMap(check -> act(check, alarmId));
        });
    }

    /**
     * Cancels the app's countdown: with the cancel PIN nothing is raised; with the duress PIN the
     * alarm is raised and escalated at once. If the alarm of this press was already sent (the
     * countdown had ended), this is a cancel of that alarm.
     */
    public Uni<CancelResult> cancelCountdown(String workerId, UUID clientRef, AlarmKind kind, Location location,
            String pin) {
        UUID alarmId = AlarmIds.of(workerId, clientRef);
        return findOwn(workerId, alarmId).flatMap(existing -> pins.check(workerId, PinPurpose.COUNTDOWN, pin)
                .flatMap(check -> {
                    if (existing != null) {
                        return act(check, alarmId);
                    }
                    if (check.duress()) {
                        return alarmService.raise(workerId, kind, AlarmChannel.APP, clientRef, location)
                                .flatMap(alarm -> escalate(alarm.alarmId))
                                .map(at -> answer(check, alarmId, at));
                    }
                    if (!check.accepted()) {
                        return Uni.createFrom().failure(check.refusal());
                    }
                    return Uni.createFrom().item(new CancelResult(alarmId, Instant.now().truncatedTo(ChronoUnit.MICROS)));
                }));
    }

    private Uni<CancelResult> act(PinCheck check, UUID alarmId) {
        if (check.duress()) {
            return escalate(alarmId).map(at -> answer(check, alarmId, at));
        }
        if (!check.accepted()) {
            return Uni.createFrom().failure(check.refusal());
        }
        return cancelQuietly(alarmId).map(at -> new CancelResult(alarmId, at));
    }

    /** After a duress: the answer the cancel PIN would have got. */
    private static CancelResult answer(PinCheck check, UUID alarmId, Instant at) {
        if (check.locked()) {
            throw check.refusal();
        }
        return new CancelResult(alarmId, at);
    }

    @WithSession
    Uni<Alarm> findOwn(String workerId, UUID alarmId) {
        return alarms.findById(alarmId)
                .map(alarm -> alarm != null && alarm.publishedAt != null && alarm.workerId.equals(workerId) ? alarm : null);
    }

    /**
     * Publishes {@code alarm.duress} for an alarm unless it was published before, and waits until it
     * is durable. Also used by safety timers confirmed with the duress PIN.
     *
     * @return the time the cancel is shown to her
     */
    @WithTransaction
    public Uni<Instant> escalate(UUID alarmId) {
        return lockedCancel(alarmId).flatMap(locked -> {
            AlarmCancel state = locked.state;
            if (state.duressPublishedAt != null) {
                return Uni.createFrom().item(state.cancelledAt);
            }
            return publish(locked.alarm, state, true).invoke(() -> state.duressPublishedAt = Instant.now())
                    .replaceWith(() -> state.cancelledAt);
        });
    }

    /** Publishes {@code alarm.cancelled} unless a cancel or a duress was published before. */
    @WithTransaction
    Uni<Instant> cancelQuietly(UUID alarmId) {
        return lockedCancel(alarmId).flatMap(locked -> {
            AlarmCancel state = locked.state;
            if (state.duressPublishedAt != null || state.cancelPublishedAt != null) {
                return Uni.createFrom().item(state.cancelledAt);
            }
            return publish(locked.alarm, state, false).invoke(() -> state.cancelPublishedAt = Instant.now())
                    .replaceWith(() -> state.cancelledAt);
        });
    }

    private record Locked(Alarm alarm, AlarmCancel state) {
    }

    /** The alarm, locked so that cancels and duresses of one alarm are decided one at a time, and its cancel state. */
    private Uni<Locked> lockedCancel(UUID alarmId) {
        return alarms.findById(alarmId, LockModeType.PESSIMISTIC_WRITE).flatMap(alarm -> cancels.findById(alarmId)
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(new Locked(alarm, existing));
                    }
                    AlarmCancel state = new AlarmCancel();
                    state.alarmId = alarmId;
                    // As stored (microseconds), so a repeat answers with exactly the same time.
                    state.cancelledAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return cancels.persist(state).replaceWith(new Locked(alarm, state));
                }));
    }

    private Uni<Void> publish(Alarm alarm, AlarmCancel state, boolean duress) {
        UUID eventId = UUID.nameUUIDFromBytes(((duress ? "duress:" : "cancel:") + alarm.alarmId)
                .getBytes(StandardCharsets.UTF_8));
        return publisher.cancellation(eventId, new AlarmCancellation(alarm.alarmId, alarm.workerId, Instant.now()), duress)
                .ifNoItem().after(alarmConfig.publishTimeout()).fail()
                .onFailure().transform(e -> ProblemException.unavailable(
                        "The cancel could not be recorded. Try again with your PIN.", alarmConfig.retryAfter(), e))
                // One line for both PINs: the log must not tell them apart either.
                .invoke(() -> LOG.infof("Alarm %s: PIN accepted and published", alarm.alarmId));
    }
}
