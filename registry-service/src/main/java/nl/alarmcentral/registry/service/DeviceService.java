package nl.alarmcentral.registry.service;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.device.DeviceSecretSeal;
import nl.alarmcentral.contract.event.DeviceBinding;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.Device;
import nl.alarmcentral.registry.EnrolmentCode;
import nl.alarmcentral.registry.EnrolmentGuard;
import nl.alarmcentral.registry.config.DeviceConfig;
import nl.alarmcentral.registry.crypto.EnvelopeCrypto;
import nl.alarmcentral.registry.messaging.DeviceBindingPublisher;
import nl.alarmcentral.registry.repository.DeviceRepository;
import nl.alarmcentral.registry.repository.EnrolmentCodeRepository;
import nl.alarmcentral.registry.repository.EnrolmentGuardRepository;
import nl.alarmcentral.registry.service.DeviceMetrics.UnboundBy;

/**
 * Binds hardware buttons to workers and unbinds them. A worker asks for a one-time enrolment code
 * and gives it to a coordinator, who binds a button with it: the coordinator never learns who she
 * is, only that the code was right. The button's new secret is shown once, to the coordinator,
 * stored only under the worker's data key, and published sealed with the key shared with
 * alarm-service.
 *
 * <p>Every change is published on {@code device.bindings} in the same transaction as the database
 * change, and the transaction commits only after the broker acknowledged it: if the broker does not
 * acknowledge in time, the caller gets a 503 and nothing changed. A record that was sent but not
 * acknowledged might still arrive later, so before rolling back, a record that undoes it is queued
 * behind it (on the same partition, in order), while the database still holds the device's row
 * lock: no later change of that device can overtake it.
 */
@Startup
@ApplicationScoped
public class DeviceService {

    private static final Logger LOG = Logger.getLogger(DeviceService.class);

    /** The field name under which a device's secret is encrypted (bound to the device id as well). */
    static final String SECRET_FIELD = "deviceSecret";
    /** 256 random bits per secret. */
    private static final int SECRET_BYTES = 32;
    /** An expired code is kept this long, so that a late try is told "expired" rather than "wrong". */
    private static final Duration EXPIRED_CODES_KEPT = Duration.ofHours(1);
    /** Tries to draw a code no other worker holds (a clash is one in a hundred million or so). */
    private static final int CODE_DRAWS = 5;

    private final DeviceRepository devices;
    private final EnrolmentCodeRepository codes;
    private final EnrolmentGuardRepository guards;
    private final EnrolmentCodes codeMaker;
    private final WorkerKeyService keys;
    private final EnvelopeCrypto crypto;
    private final DeviceBindingPublisher publisher;
    private final DeviceMetrics metrics;
    private final DeviceConfig config;
    /** Null when no binding key is configured: then buttons cannot be bound. */
    private final DeviceSecretSeal seal;
    private final SecureRandom random = new SecureRandom();

    public DeviceService(DeviceRepository devices, EnrolmentCodeRepository codes, EnrolmentGuardRepository guards,
            EnrolmentCodes codeMaker, WorkerKeyService keys, EnvelopeCrypto crypto, DeviceBindingPublisher publisher,
            DeviceMetrics metrics, DeviceConfig config) {
        this.devices = devices;
        this.codes = codes;
        this.guards = guards;
        this.codeMaker = codeMaker;
        this.keys = keys;
        this.crypto = crypto;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.seal = config.bindingKey().filter(key -> !key.isBlank()).map(DeviceSecretSeal::new).orElse(null);
        if (seal == null) {
            LOG.warn("registry.devices.binding-key (REGISTRY_DEVICES_BINDING_KEY) is not set: buttons cannot be bound");
        }
    }

    /**
     * A new enrolment code for her; replaces her earlier unused one.
     *
     * @return the code as she should read it out, and until when it can be used
     */
    @WithTransaction
    public Uni<IssuedCode> issueCode(String workerId) {
        Instant now = now();
        Instant expiresAt = now.plus(config.codeValidity());
        return codes.deleteExpiredBefore(now.minus(EXPIRED_CODES_KEPT))
                .flatMap(ignored -> drawUnusedCode(1))
                .flatMap(code -> codes.replace(workerId, EnrolmentCodes.hash(EnrolmentCodes.normalise(code)), now, expiresAt)
                        .replaceWith(new IssuedCode(code, expiresAt)))
                .invoke(metrics::issued);
    }

    private Uni<String> drawUnusedCode(int draw) {
        String code = codeMaker.newCode();
        return codes.hashInUse(EnrolmentCodes.hash(EnrolmentCodes.normalise(code))).flatMap(inUse -> {
            if (!inUse) {
                return Uni.createFrom().item(code);
            }
            if (draw >= CODE_DRAWS) {
                return Uni.createFrom().failure(new IllegalStateException("No unused enrolment code could be drawn"));
            }
            return drawUnusedCode(draw + 1);
        });
    }

    /**
     * Binds a button to the worker whose enrolment code this is, and uses the code up.
     *
     * @param coordinatorId who binds (her wrong codes are counted)
     * @return the button's new secret, to be shown once
     * @throws EnrolmentCodeRefusedException (as the Uni's failure) for a wrong or expired code, or
     *                                       when the coordinator is locked out
     */
    public Uni<String> bind(String coordinatorId, String deviceId, String enrolmentCode, int heartbeatIntervalSeconds) {
        if (seal == null) {
            return Uni.createFrom().failure(ProblemException.unavailable(
                    "Buttons cannot be bound here yet: the binding key is not configured.", config.retryAfter(), null));
        }
        return attemptBind(coordinatorId, deviceId, enrolmentCode, heartbeatIntervalSeconds).map(attempt -> {
            if (attempt.refusal() != null) {
                throw new EnrolmentCodeRefusedException(attempt.refusal(), attempt.retryAfter());
            }
            return attempt.secret();
        });
    }

    /**
     * One try, in one transaction. A refused code is not an error here, so that the count of wrong
     * codes is committed; {@link #bind} turns it into one.
     */
    @WithTransaction
    Uni<BindAttempt> attemptBind(String coordinatorId, String deviceId, String enrolmentCode, int heartbeatIntervalSeconds) {
        Instant now = now();
        return guards.findOrCreateLocked(coordinatorId, now).flatMap(guard -> {
            if (guard.lockedUntil != null && guard.lockedUntil.isAfter(now)) {
                metrics.refused(EnrolmentRefusal.LOCKED);
                return Uni.createFrom().item(BindAttempt.refused(EnrolmentRefusal.LOCKED, Duration.between(now, guard.lockedUntil)));
            }
            String normalised = EnrolmentCodes.normalise(enrolmentCode);
            Uni<EnrolmentCode> found = normalised == null ? Uni.createFrom().nullItem()
                    : codes.findLockedByHash(EnrolmentCodes.hash(normalised));
            return found.flatMap(code -> {
                if (code == null) {
                    return Uni.createFrom().item(wrongCode(guard, now, EnrolmentRefusal.WRONG));
                }
                if (!code.expiresAt.isAfter(now)) {
                    return Uni.createFrom().item(wrongCode(guard, now, EnrolmentRefusal.EXPIRED));
                }
                return bindTo(code, deviceId, heartbeatIntervalSeconds, now).map(BindAttempt::bound);
            });
        });
    }

    private BindAttempt wrongCode(EnrolmentGuard guard, Instant now, EnrolmentRefusal reason) {
        metrics.refused(reason);
        if (guard.windowStart.isBefore(now.minus(config.wrongCodeWindow()))) {
            guard.wrongCount = 0;
            guard.windowStart = now;
        }
        guard.wrongCount++;
        if (guard.wrongCount >= config.maxWrongCodes()) {
            LOG.info("A coordinator entered too many wrong enrolment codes and is locked out of binding for a while");
            guard.lockedUntil = now.plus(config.lockDuration());
            guard.wrongCount = 0;
            guard.windowStart = guard.lockedUntil;
        }
        return BindAttempt.refused(reason, null);
    }

    private Uni<String> bindTo(EnrolmentCode code, String deviceId, int heartbeatIntervalSeconds, Instant now) {
        String workerId = code.workerId;
        return keys.keyForWrite(workerId).flatMap(key -> {
            String secret = newSecret();
            Device device = new Device();
            device.deviceId = deviceId;
            device.workerId = workerId;
            device.secret = crypto.encrypt(key, workerId, secretField(deviceId), secret);
            device.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
            device.boundAt = now;
            device.changedAt = now;
            return devices.insertIfAbsent(device).flatMap(inserted -> {
                if (!inserted) {
                    // Rolled back: her code stays valid for another button.
                    return Uni.createFrom().failure(ProblemException.conflict(
                            "This button is already bound. Unbind it first to bind it again."));
                }
                return codes.delete(code)
                        .flatMap(ignored -> publishBinding(device, secret))
                        .invoke(() -> {
                            metrics.bound();
                            LOG.debug("A button was bound");
                        })
                        .replaceWith(secret);
            });
        });
    }

    private Uni<Void> publishBinding(Device device, String secret) {
        DeviceBinding binding = new DeviceBinding(device.deviceId, device.workerId, seal.encrypt(device.deviceId, secret),
                device.heartbeatIntervalSeconds, device.boundAt);
        return publisher.bound(binding)
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().transform(e -> {
                    metrics.unpublished(DeviceMetrics.BIND);
                    // The device was not bound before (else the insert would have failed): undo to "unbound".
                    publisher.sendWithoutWaiting(publisher.unbound(device.deviceId));
                    return notDurable(e);
                });
    }

    /** Her buttons, newest first. */
    @WithSession
    public Uni<List<Device>> devicesOf(String workerId) {
        return devices.listOf(workerId);
    }

    /** Every bound button, newest first (for coordinators: the caller must not show whose they are). */
    @WithSession
    public Uni<List<Device>> allDevices() {
        return devices.listAllBound();
    }

    /**
     * Unbinds one of her own buttons.
     *
     * @return false when she has no button with this id (unknown, or someone else's)
     */
    @WithTransaction
    public Uni<Boolean> unbindOwn(String workerId, String deviceId) {
        return devices.findLocked(deviceId).flatMap(device -> device == null || !device.workerId.equals(workerId)
                ? Uni.createFrom().item(false)
                : unbind(List.of(device), UnboundBy.WORKER).replaceWith(true));
    }

    /**
     * Unbinds any button (a coordinator's action).
     *
     * @return false when the button is not bound
     */
    @WithTransaction
    public Uni<Boolean> unbindAsCoordinator(String deviceId) {
        return devices.findLocked(deviceId).flatMap(device -> device == null
                ? Uni.createFrom().item(false)
                : unbind(List.of(device), UnboundBy.COORDINATOR).replaceWith(true));
    }

    /**
     * She withdrew: unbinds all her buttons (a tombstone each, acknowledged by the broker) and
     * deletes her enrolment code. Joins the caller's transaction if there is one (so the erasure
     * should call it inside its own, before it deletes her data key); a failure (the broker did not
     * acknowledge) fails the returned Uni with a 503 problem, and the caller's transaction should
     * roll back. Running it again is harmless.
     *
     * @return how many buttons were unbound
     */
    @WithTransaction
    public Uni<Integer> unbindAllOf(String workerId) {
        return codes.deleteById(workerId)
                .flatMap(ignored -> devices.findLockedOf(workerId))
                .flatMap(found -> found.isEmpty() ? Uni.createFrom().item(0)
                        : unbind(found, UnboundBy.WITHDRAWAL).replaceWith(found.size()));
    }

    /** Deletes the rows (locked by the caller) and publishes a tombstone for each. */
    private Uni<Void> unbind(List<Device> found, UnboundBy by) {
        List<String> ids = found.stream().map(device -> device.deviceId).toList();
        return devices.delete("deviceId in ?1", ids)
                .flatMap(deleted -> publishTombstones(found))
                .invoke(() -> {
                    metrics.unbound(by, found.size());
                    LOG.debugf("%d button(s) unbound (%s)", ids.size(), by);
                });
    }

    private Uni<Void> publishTombstones(List<Device> found) {
        return Uni.join().all(found.stream().map(device -> publisher.unbound(device.deviceId)).toList()).andFailFast()
                .ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().call(e -> {
                    metrics.unpublished(DeviceMetrics.UNBIND);
                    return rebindWithoutWaiting(found);
                })
                .onFailure().transform(this::notDurable)
                .replaceWithVoid();
    }

    /**
     * Queues the bindings again, since a tombstone that was not acknowledged may still arrive:
     * the rows stay (the transaction rolls back), so the buttons must stay bound in alarm-service.
     * One device after the other: the session must not be used concurrently.
     */
    private Uni<Void> rebindWithoutWaiting(List<Device> found) {
        if (seal == null) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(device -> keys.existingKeyFor(device.workerId).invoke(key -> {
                    if (key != null) {
                        String secret = crypto.decrypt(key, device.workerId, secretField(device.deviceId), device.secret);
                        publisher.sendWithoutWaiting(publisher.bound(new DeviceBinding(device.deviceId, device.workerId,
                                seal.encrypt(device.deviceId, secret), device.heartbeatIntervalSeconds, device.boundAt)));
                    }
                }))
                .collect().last()
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private ProblemException notDurable(Throwable cause) {
        return cause instanceof ProblemException problem ? problem
                : ProblemException.unavailable("The change could not be passed on to the alarm service; nothing was changed. "
                        + "Try again.", config.retryAfter(), cause);
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The secret is bound to its device as well as to her: a ciphertext moved to another row does not decrypt. */
    static String secretField(String deviceId) {
        return SECRET_FIELD + ":" + deviceId;
    }

    /** Microseconds, as PostgreSQL stores them, so what is published equals what is stored. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A new enrolment code.
     *
     * @param code      as she reads it out ({@code XXXX-XXXX})
     * @param expiresAt until when it can be used
     */
    public record IssuedCode(String code, Instant expiresAt) {
    }

    /** The outcome of one try to bind: a secret, or why the code was refused. */
    record BindAttempt(String secret, EnrolmentRefusal refusal, Duration retryAfter) {
        static BindAttempt bound(String secret) {
            return new BindAttempt(secret, null, null);
        }

        static BindAttempt refused(EnrolmentRefusal reason, Duration retryAfter) {
            return new BindAttempt(null, reason, retryAfter);
        }
    }
}
