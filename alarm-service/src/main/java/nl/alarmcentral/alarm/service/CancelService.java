package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.AlarmCancel;
import nl.alarmcentral.alarm.PinPurpose;
import nl.alarmcentral.alarm.messaging.OutgoingEvent;
import nl.alarmcentral.alarm.repository.AlarmCancelRepository;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.contract.event.AlarmCancellation;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.EventTypes;
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
 *
 * <p>A cancel or duress is accepted when its event is in the outbox, in the transaction that
 * decides it ({@link EventOutbox}): a duress that was answered reaches dispatch even if the broker
 * was away at that moment. It is published at once when its alarm is published (else after it, by
 * the relay, so that dispatch sees the alarm first). Without the database nothing can be decided
 * (the PINs live there): 503.
 */
@ApplicationScoped
public class CancelService {

    private static final Logger LOG = Logger.getLogger(CancelService.class);

    private final AlarmRepository alarms;
    private final AlarmCancelRepository cancels;
    private final AlarmService alarmService;
    private final EventOutbox outbox;
    private final PinService pins;

    public CancelService(AlarmRepository alarms, AlarmCancelRepository cancels, AlarmService alarmService,
            EventOutbox outbox, PinService pins) {
        this.alarms = alarms;
        this.cancels = cancels;
        this.alarmService = alarmService;
        this.outbox = outbox;
        this.pins = pins;
    }

    /**
     * Cancels one of her alarms; 404 for an alarm that is not hers or not known, unless PIN entry
     * is locked: then the same 429 as for any PIN. (Else a countdown refused while locked would
     * tell: after the duress PIN its alarm exists and answers 429, after any other PIN it would
     * answer 404.)
     */
    public Uni<CancelResult> cancel(String workerId, UUID alarmId, String pin) {
        return findOwn(workerId, alarmId).flatMap(alarm -> {
            if (alarm == null) {
                return pins.lockedFor(workerId).flatMap(locked -> Uni.createFrom().failure(locked != null
                        ? new PinCheck(PinCheck.Verdict.WRONG, true, 0, locked).refusal()
                        : ProblemException.notFound("No such alarm.")));
            }
            return pins.check(workerId, PinPurpose.CANCEL, pin).flatMap(check -> act(check, alarmId));
        });
    }

    /**
     * Cancels the app's countdown: with the cancel PIN nothing is raised, but the alarm the press
     * would have had is stored as withdrawn, with its cancel, so that every later answer about it
     * is the one the duress PIN gets; with the duress PIN the alarm is raised and escalated at once.
     * If the alarm of this press was already sent (the countdown had ended), this is a cancel of
     * that alarm.
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
                    return withdraw(workerId, kind, clientRef).map(at -> new CancelResult(alarmId, at));
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
                .map(alarm -> alarm != null && workerId.equals(alarm.workerId) ? alarm : null);
    }

    /**
     * Accepts {@code alarm.duress} for an alarm unless it was accepted before (publishing the
     * alarm first if she had withdrawn it in the countdown). Also used by safety timers confirmed
     * with the duress PIN.
     *
     * @return the time the cancel is shown to her
     */
    @WithTransaction
    public Uni<Instant> escalate(UUID alarmId) {
        return lockedCancel(alarmId).flatMap(locked -> {
            AlarmCancel state = locked.state;
            if (state.duressAcceptedAt != null) {
                return Uni.createFrom().item(state.cancelledAt);
            }
            state.duressAcceptedAt = Instant.now();
            // A press she withdrew in the countdown becomes the alarm it would have been: escalation wins.
            Uni<Void> sent = locked.alarm.withdrawnAt != null ? alarmService.reinstate(locked.alarm)
                    : Uni.createFrom().voidItem();
            return sent.flatMap(ignored -> publish(locked.alarm, true)).replaceWith(() -> state.cancelledAt);
        });
    }

    /** Accepts {@code alarm.cancelled} unless a cancel or a duress was accepted before. */
    @WithTransaction
    Uni<Instant> cancelQuietly(UUID alarmId) {
        return acceptCancel(alarmId);
    }

    /**
     * Withdraws a press in its countdown (her cancel PIN, nothing sent yet): its alarm row is stored
     * withdrawn and its cancel accepted, and nothing is published. A press that reached the central
     * meanwhile is cancelled instead.
     */
    @WithTransaction
    Uni<Instant> withdraw(String workerId, AlarmKind kind, UUID clientRef) {
        return withdraw(workerId, kind, AlarmChannel.APP, clientRef);
    }

    /**
     * Withdraws the alarm a safety timer would have raised, when she checks in with her cancel PIN:
     * after her duress PIN that alarm exists (and anyone who knows its id could ask about it), so
     * after her cancel PIN it must exist too, withdrawn and cancelled, never sent. In the caller's
     * transaction.
     */
    public Uni<Instant> withdrawTimerAlarm(String workerId, UUID timerId) {
        return withdraw(workerId, AlarmKind.CHECKIN_MISSED, AlarmChannel.TIMER, timerId);
    }

    private Uni<Instant> withdraw(String workerId, AlarmKind kind, AlarmChannel channel, UUID clientRef) {
        return alarmService.storeWithdrawn(workerId, kind, channel, clientRef).flatMap(alarm -> acceptCancel(alarm.alarmId));
    }

    private Uni<Instant> acceptCancel(UUID alarmId) {
        return lockedCancel(alarmId).flatMap(locked -> {
            AlarmCancel state = locked.state;
            if (state.duressAcceptedAt != null || state.cancelAcceptedAt != null) {
                return Uni.createFrom().item(state.cancelledAt);
            }
            state.cancelAcceptedAt = Instant.now();
            if (locked.alarm.withdrawnAt != null) {
                // Never sent, so there is nothing to cancel at dispatch: no event at all.
                return Uni.createFrom().item(state.cancelledAt);
            }
            return publish(locked.alarm, false).replaceWith(() -> state.cancelledAt);
        });
    }

    private record Locked(Alarm alarm, AlarmCancel state) {
    }

    /** The alarm, locked so that cancels and duresses of one alarm are decided one at a time, and its cancel state. */
    private Uni<Locked> lockedCancel(UUID alarmId) {
        return alarms.lock(alarmId).flatMap(alarm -> cancels.findById(alarmId)
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

    /** Stores the cancel or duress in the outbox; published now if its alarm was, else after it by the relay. */
    private Uni<Void> publish(Alarm alarm, boolean duress) {
        UUID eventId = UUID.nameUUIDFromBytes(((duress ? "duress:" : "cancel:") + alarm.alarmId)
                .getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        OutgoingEvent event = new OutgoingEvent(duress ? EventTypes.ALARM_DURESS : EventTypes.ALARM_CANCELLED, eventId,
                alarm.workerId, now, new AlarmCancellation(alarm.alarmId, alarm.workerId, now));
        return outbox.enqueue(event, alarm.publishedAt != null)
                // One line for both PINs: the log must not tell them apart either.
                .invoke(() -> LOG.infof("Alarm %s: PIN accepted", alarm.alarmId));
    }
}
