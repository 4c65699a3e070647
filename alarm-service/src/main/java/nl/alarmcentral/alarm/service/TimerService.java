package nl.alarmcentral.alarm.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.PinPurpose;
import nl.alarmcentral.alarm.SafetyTimer;
import nl.alarmcentral.alarm.TimerState;
import nl.alarmcentral.alarm.config.TimerConfig;
import nl.alarmcentral.alarm.repository.SafetyTimerRepository;
import nl.alarmcentral.contract.crypto.SealedKind;
import nl.alarmcentral.contract.crypto.SealedValue;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * Safety timers: "if I have not checked in by then, raise the alarm". A timer that runs out becomes
 * a {@code checkin.missed} alarm by itself; she ends it with her cancel PIN ("I'm safe"), or with
 * her duress PIN, which looks the same to anyone watching and raises the alarm silently.
 *
 * <p>Once a timer's deadline (expected end plus grace) has passed, it counts as missed even if the
 * expiry check has not run yet: it can then no longer be extended or confirmed away.
 */
@ApplicationScoped
public class TimerService {

    private static final Logger LOG = Logger.getLogger(TimerService.class);

    /** The furthest a timer's expected end may lie ahead, also after extending. */
    public static final Duration MAX_AHEAD = Duration.ofHours(24);

    private final SafetyTimerRepository timers;
    private final PinService pins;
    private final CancelService cancels;
    private final AlarmService alarms;
    private final WorkerSealer sealer;
    private final TimerMetrics metrics;
    private final TimerConfig config;

    public TimerService(SafetyTimerRepository timers, PinService pins, CancelService cancels, AlarmService alarms,
            WorkerSealer sealer, TimerMetrics metrics, TimerConfig config) {
        this.timers = timers;
        this.pins = pins;
        this.cancels = cancels;
        this.alarms = alarms;
        this.sealer = sealer;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Starts a timer. She must have PINs first: without them she could never confirm it, and every
     * timer would become an alarm.
     *
     * @param minutes      from now to the expected end (validated by the caller)
     * @param graceMinutes after the expected end, or null for the default
     * @param note         her note, or null
     */
    public Uni<SafetyTimer> start(String workerId, int minutes, Integer graceMinutes, String note) {
        String noteOrNull = note == null || note.isBlank() ? null : note;
        if (noteOrNull == null) {
            return start(workerId, minutes, graceMinutes, null, null);
        }
        // A note is sealed to her public keyset: without it (she never saved a registration that has
        // one) nobody could ever read the note, so it is refused and nothing starts.
        return sealer.keysetOf(workerId).flatMap(keyset -> keyset == null
                ? Uni.createFrom().failure(noKeyForNote())
                : start(workerId, minutes, graceMinutes, noteOrNull, keyset));
    }

    private static ProblemException noKeyForNote() {
        return new ProblemException(ProblemType.CONFLICT, 409,
                "A note cannot be stored yet: save your registration first, or start the timer without a note.");
    }

    private Uni<SafetyTimer> start(String workerId, int minutes, Integer graceMinutes, String noteOrNull, String keyset) {
        return pins.find(workerId).flatMap(stored -> {
            if (stored == null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.PINS_NOT_SET, 409,
                        "Set your cancel PIN and duress PIN first (PUT /api/me/pins): you need them to confirm a timer."));
            }
            Instant now = Instant.now();
            SafetyTimer timer = new SafetyTimer();
            timer.timerId = UUID.randomUUID();
            timer.workerId = workerId;
            timer.startedAt = now;
            timer.expectedEnd = now.plus(Duration.ofMinutes(minutes));
            timer.graceMinutes = graceMinutes == null ? config.defaultGraceMinutes() : graceMinutes;
            timer.state = TimerState.ACTIVE;
            if (noteOrNull != null) {
                try {
                    timer.note = WorkerSealer.sealNote(keyset, timer.timerId, noteOrNull);
                } catch (RuntimeException e) {
                    LOG.warnf("A timer note could not be sealed (%s); the timer is refused", e.getClass().getName());
                    return Uni.createFrom().failure(noKeyForNote());
                }
            }
            timer.hasNote = timer.note != null;
            return persist(timer);
        });
    }

    @WithTransaction
    Uni<SafetyTimer> persist(SafetyTimer timer) {
        return timers.persist(timer).invoke(metrics::started);
    }

    /** Her running timers. */
    @WithSession
    public Uni<List<SafetyTimer>> active(String workerId) {
        return timers.findActive(workerId);
    }

    /** One of her timers; 404 otherwise. */
    @WithSession
    public Uni<SafetyTimer> get(String workerId, UUID timerId) {
        return timers.findOwn(workerId, timerId).map(TimerService::orNotFound);
    }

    /** Moves the expected end to max(now, expected end) + minutes, at most 24 hours from now. */
    @WithTransaction
    public Uni<SafetyTimer> extend(String workerId, UUID timerId, int minutes) {
        return timers.findOwnLocked(workerId, timerId).map(TimerService::orNotFound).map(timer -> {
            Instant now = Instant.now();
            if (!timer.runningAt(now)) {
                throw notRunning(timer);
            }
            Instant from = timer.expectedEnd.isAfter(now) ? timer.expectedEnd : now;
            Instant wanted = from.plus(Duration.ofMinutes(minutes));
            Instant cap = now.plus(MAX_AHEAD);
            timer.expectedEnd = wanted.isAfter(cap) ? cap : wanted;
            return timer;
        });
    }

    /**
     * Ends a timer with a PIN. The cancel PIN confirms she is safe and deletes the note. The duress
     * PIN answers exactly the same (the timer shows as confirmed), but raises the timer's alarm
     * ({@code checkin.missed}, as if it had run out, so dispatch gets the note through the claim
     * check) and escalates it with {@code alarm.duress}; the note is kept for dispatch. A duress
     * PIN escalates whatever state the timer is in, even while PIN entry is locked, and then answers
     * what the cancel PIN would have got.
     */
    public Uni<SafetyTimer> confirm(String workerId, UUID timerId, String pin) {
        return get(workerId, timerId).flatMap(found -> pins.check(workerId, PinPurpose.CHECKIN, pin).flatMap(check -> {
            if (check.duress()) {
                // While locked the cancel PIN would leave the timer running: so does the duress PIN.
                return confirmUnderDuress(workerId, timerId, !check.locked()).map(result -> answer(result, check));
            }
            if (!check.accepted()) {
                return Uni.createFrom().failure(check.refusal());
            }
            return confirmSafe(workerId, timerId).map(result -> answer(result, check));
        }));
    }

    private record Confirmation(SafetyTimer timer, boolean wasRunning) {
    }

    private static SafetyTimer answer(Confirmation result, PinCheck check) {
        if (check.locked()) {
            throw check.refusal();
        }
        if (!result.wasRunning()) {
            throw notRunning(result.timer());
        }
        return result.timer();
    }

    /**
     * Confirms a running timer with her cancel PIN: deletes the note, and stores the timer's alarm
     * withdrawn ({@link CancelService#withdrawTimerAlarm}) so that, as after her duress PIN, the
     * timer's alarm id names an alarm of hers that answers as cancelled.
     */
    @WithTransaction
    Uni<Confirmation> confirmSafe(String workerId, UUID timerId) {
        return timers.findOwnLocked(workerId, timerId).map(TimerService::orNotFound).flatMap(timer -> {
            Instant now = Instant.now();
            if (!timer.runningAt(now)) {
                return Uni.createFrom().item(new Confirmation(timer, false));
            }
            timer.state = TimerState.CONFIRMED;
            timer.confirmedAt = now;
            timer.note = null;
            metrics.confirmed();
            return cancels.withdrawTimerAlarm(workerId, timerId).replaceWith(new Confirmation(timer, true));
        });
    }

    /**
     * Raises and escalates the timer's alarm, then (if asked) marks a running timer confirmed,
     * keeping the note. Returns normally even for a timer that was no longer running: the
     * escalation must be committed, and the caller answers 409 as for the cancel PIN.
     */
    @WithTransaction
    Uni<Confirmation> confirmUnderDuress(String workerId, UUID timerId, boolean markConfirmed) {
        return timers.findOwnLocked(workerId, timerId).map(TimerService::orNotFound).flatMap(timer -> alarms
                .raise(workerId, AlarmKind.CHECKIN_MISSED, AlarmChannel.TIMER, timer.timerId, null, timer.note != null)
                .flatMap(alarm -> cancels.escalate(alarm.alarmId))
                .map(ignored -> {
                    Instant now = Instant.now();
                    if (!timer.runningAt(now)) {
                        return new Confirmation(timer, false);
                    }
                    if (markConfirmed) {
                        timer.state = TimerState.CONFIRMED;
                        timer.confirmedAt = now;
                        metrics.confirmed();
                    }
                    return new Confirmation(timer, true);
                }));
    }

    /**
     * Fires one due timer, if there is one that no other instance is firing: makes its
     * {@code checkin.missed} alarm durable, then marks it missed, in one transaction. If the alarm
     * cannot be made durable, the transaction rolls back and the timer stays due for the next check.
     * The alarm id follows from (worker, timer id), so even a timer fired twice is one alarm.
     *
     * @return whether a timer was fired
     */
    @WithTransaction
    public Uni<Boolean> fireNextDue() {
        return timers.claimDue().flatMap(timer -> {
            if (timer == null) {
                return Uni.createFrom().item(false);
            }
            return alarms.raise(timer.workerId, AlarmKind.CHECKIN_MISSED, AlarmChannel.TIMER, timer.timerId, null,
                    timer.note != null).map(alarm -> {
                        timer.state = TimerState.MISSED;
                        timer.missedAt = Instant.now();
                        metrics.missed();
                        LOG.infof("Alarm %s: a safety timer ran out", alarm.alarmId);
                        return true;
                    });
        });
    }

    /**
     * The note of the safety timer an alarm came from, sealed to her, for dispatch's claim check;
     * null when the alarm did not come from a timer, the timer had no note (or it was dropped), or
     * the row no longer names her (reduced or erased).
     */
    @WithSession
    public Uni<SealedValue> noteOf(Alarm alarm) {
        if (alarm.channel != AlarmChannel.TIMER || alarm.workerId == null || alarm.clientRef == null) {
            return Uni.createFrom().nullItem();
        }
        return timers.findOwn(alarm.workerId, alarm.clientRef)
                .map(timer -> timer == null ? null : WorkerSealer.view(timer.note, SealedKind.TIMER_NOTE, timer.timerId));
    }

    private static SafetyTimer orNotFound(SafetyTimer timer) {
        if (timer == null) {
            throw ProblemException.notFound("No such safety timer.");
        }
        return timer;
    }

    /** The same answer for either PIN: it depends only on the timer. */
    private static ProblemException notRunning(SafetyTimer timer) {
        if (timer.state == TimerState.CONFIRMED) {
            return new ProblemException(ProblemType.TIMER_NOT_RUNNING, 409,
                    "This safety timer was already confirmed. Start a new one if you need it.");
        }
        return new ProblemException(ProblemType.TIMER_NOT_RUNNING, 409,
                "This safety timer has run out and the central has been alerted. It can no longer be extended or confirmed.");
    }
}
