package nl.alarmcentral.alarm.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import nl.alarmcentral.alarm.PinAttempt;
import nl.alarmcentral.alarm.PinOutcome;
import nl.alarmcentral.alarm.PinPurpose;
import nl.alarmcentral.alarm.WorkerPins;
import nl.alarmcentral.alarm.config.PinConfig;
import nl.alarmcentral.alarm.repository.PinAttemptRepository;
import nl.alarmcentral.alarm.repository.WorkerPinsRepository;

/**
 * A worker's cancel and duress PINs: setting them, and checking a PIN she entered. A check is
 * recorded (audit, lockout count, metric) in a transaction of its own before the caller acts on
 * it, so a wrong PIN counts even though its request ends in an error.
 *
 * <p>The check hashes the PIN against both stored hashes without holding a database connection or
 * lock, then counts the attempt under a lock on her row. Parallel guesses are therefore counted one
 * by one: once the lock is reached, even the right PIN only gets "locked", so guessing in parallel
 * learns nothing more than guessing in turn.
 *
 * <p>Wrong PINs are also counted per client address ({@link PinAddressLimiter}): past its limit,
 * every PIN from that address is answered as locked, exactly like the per-worker lock (a duress PIN
 * still escalates).
 */
@ApplicationScoped
public class PinService {

    private final WorkerPinsRepository pins;
    private final PinAttemptRepository attempts;
    private final PinHasher hasher;
    private final PinMetrics metrics;
    private final PinConfig config;
    private final PinAddressLimiter addresses;
    private final Instance<HttpServerRequest> request;

    public PinService(WorkerPinsRepository pins, PinAttemptRepository attempts, PinHasher hasher, PinMetrics metrics,
            PinConfig config, PinAddressLimiter addresses, Instance<HttpServerRequest> request) {
        this.pins = pins;
        this.attempts = attempts;
        this.hasher = hasher;
        this.metrics = metrics;
        this.config = config;
        this.addresses = addresses;
        this.request = request;
    }

    /**
     * Sets (or replaces) both PINs. Her login is all it takes: see {@code docs/pins-and-timers.md}
     * for why. New PINs also lift a lock, since the lock only guards against guessing the old ones.
     */
    public Uni<WorkerPins> set(String workerId, String cancelPin, String duressPin) {
        return hasher.hashBoth(cancelPin, duressPin).flatMap(hashes -> store(workerId, hashes[0], hashes[1]));
    }

    @WithTransaction
    Uni<WorkerPins> store(String workerId, String cancelHash, String duressHash) {
        return pins.findLocked(workerId).flatMap(existing -> {
            WorkerPins row = existing != null ? existing : new WorkerPins();
            Instant now = Instant.now();
            row.workerId = workerId;
            row.cancelHash = cancelHash;
            row.duressHash = duressHash;
            row.changedAt = now;
            row.wrongSince = now;
            row.lockedUntil = null;
            return existing != null ? Uni.createFrom().item(row) : pins.persist(row);
        });
    }

    /** Her PINs' row (for whether they are set), or null. */
    @WithSession
    public Uni<WorkerPins> find(String workerId) {
        return pins.findById(workerId);
    }

    /** Checks a PIN she entered and records the attempt; never throws for a wrong or locked PIN. */
    public Uni<PinCheck> check(String workerId, PinPurpose purpose, String pin) {
        String address = clientAddress();
        return find(workerId).flatMap(stored -> {
            if (stored == null) {
                return record(workerId, purpose, PinCheck.Verdict.NOT_SET, address);
            }
            return hasher.match(pin, stored.cancelHash, stored.duressHash)
                    .flatMap(match -> record(workerId, purpose, switch (match) {
                        case CANCEL -> PinCheck.Verdict.CANCEL;
                        case DURESS -> PinCheck.Verdict.DURESS;
                        case NEITHER -> PinCheck.Verdict.WRONG;
                    }, address));
        });
    }

    /**
     * How long PIN entry is still locked for her, by her own lock or for this client address; null
     * when it is not. Records nothing: for answers about something that does not exist, which must
     * still look like every other PIN answer while PIN entry is locked.
     */
    public Uni<Duration> lockedFor(String workerId) {
        String address = clientAddress();
        return find(workerId).map(row -> {
            Instant now = Instant.now();
            if (row == null) {
                return null;
            }
            if (row.lockedUntil != null && row.lockedUntil.isAfter(now)) {
                return Duration.between(now, row.lockedUntil);
            }
            return addresses.blockedFor(address, now);
        });
    }

    /**
     * The remote address of the request being served, or null outside a request. Not proxy-aware
     * yet (issue 15): behind a proxy this is the proxy's address.
     */
    private String clientAddress() {
        if (!Arc.container().requestContext().isActive() || !request.isResolvable()) {
            return null;
        }
        HttpServerRequest current = request.get();
        return current.remoteAddress() == null ? null : current.remoteAddress().hostAddress();
    }

    @WithTransaction
    Uni<PinCheck> record(String workerId, PinPurpose purpose, PinCheck.Verdict verdict, String address) {
        Instant now = Instant.now();
        if (verdict == PinCheck.Verdict.NOT_SET) {
            return audit(workerId, now, purpose, PinOutcome.NOT_SET).replaceWith(new PinCheck(verdict, false, 0, null));
        }
        return pins.findLocked(workerId).flatMap(row -> {
            if (row.lockedUntil != null && row.lockedUntil.isAfter(now)) {
                return audit(workerId, now, purpose, PinOutcome.LOCKED)
                        .replaceWith(new PinCheck(verdict, true, 0, Duration.between(now, row.lockedUntil)));
            }
            Duration addressBlocked = addresses.blockedFor(address, now);
            if (addressBlocked != null) {
                // Too many wrong PINs from this address: locked for every PIN, the right one too.
                return audit(workerId, now, purpose, PinOutcome.LOCKED)
                        .replaceWith(new PinCheck(verdict, true, 0, addressBlocked));
            }
            if (verdict != PinCheck.Verdict.WRONG) {
                row.wrongSince = now;
                // ACCEPTED for both PINs: the audit and the metrics never reveal a duress.
                return audit(workerId, now, purpose, PinOutcome.ACCEPTED).replaceWith(new PinCheck(verdict, false, 0, null));
            }
            addresses.wrong(address, now);
            Instant windowStart = now.minus(config.attemptWindow());
            Instant since = row.wrongSince.isAfter(windowStart) ? row.wrongSince : windowStart;
            return attempts.countWrongSince(workerId, since).flatMap(earlier -> {
                int wrong = (int) (earlier + 1);
                int left = Math.max(0, config.maxWrongAttempts() - wrong);
                PinCheck check;
                if (left == 0) {
                    row.lockedUntil = now.plus(config.lockDuration());
                    row.wrongSince = row.lockedUntil;
                    check = new PinCheck(verdict, true, 0, config.lockDuration());
                } else {
                    check = new PinCheck(verdict, false, left, null);
                }
                return audit(workerId, now, purpose, PinOutcome.WRONG).replaceWith(check);
            });
        });
    }

    private Uni<Void> audit(String workerId, Instant at, PinPurpose purpose, PinOutcome outcome) {
        return attempts.persist(PinAttempt.of(workerId, at, purpose, outcome))
                .invoke(() -> metrics.attempt(purpose, outcome))
                .replaceWithVoid();
    }
}
