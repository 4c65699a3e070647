package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.PinPurpose;
import nl.alarmcentral.alarm.config.StepUpConfig;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * The one check before every sensitive action (changing PINs, extending a timer, her registration's
 * personal parts, unbinding, withdrawing): her login session lasts days, so holding her unlocked
 * phone must not be enough. A proof is either her PIN, sent with the request, or a recent login
 * (the token's {@code auth_time} within {@link StepUpConfig#maxAge()}). Her duress PIN is a proof
 * like her cancel PIN (the same answer, the action goes ahead, as she was made to do it) and also
 * raises a silent alarm that is escalated at once; the calls of one unlock (one proof id) raise
 * one alarm. A wrong PIN counts toward the PIN lock like any other.
 */
@ApplicationScoped
public class FreshProofService {

    /** The header her PIN comes in (never logged, never stored). */
    public static final String PIN_HEADER = "X-Alarm-Pin";

    /** The header of the app's random id of one unlock: the calls made with one PIN entry share it. */
    public static final String PROOF_ID_HEADER = "X-Proof-Id";

    private static final String PIN_PATTERN = "[0-9]{4,6}";
    private static final String PROOF_ID_PATTERN = "[A-Za-z0-9-]{1,64}";

    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final PinService pins;
    private final AlarmService alarms;
    private final CancelService cancels;
    private final StepUpConfig config;

    public FreshProofService(SecurityIdentity identity, HttpServerRequest request, PinService pins, AlarmService alarms,
            CancelService cancels, StepUpConfig config) {
        this.identity = identity;
        this.request = request;
        this.pins = pins;
        this.alarms = alarms;
        this.cancels = cancels;
        this.config = config;
    }

    /**
     * Succeeds if the current request (her app session or a bearer token) carries a fresh proof;
     * fails with a problem otherwise, and then nothing is to be done or read.
     */
    public Uni<Void> require() {
        String pin = request.getHeader(PIN_HEADER);
        String proofId = request.getHeader(PROOF_ID_HEADER);
        if (proofId != null && !proofId.matches(PROOF_ID_PATTERN)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION, 400,
                    PROOF_ID_HEADER + " must be 1 to 64 letters, digits or dashes. Nothing was done."));
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.UNAUTHENTICATED, 401, "Log in first."));
        }
        String workerId = token.getSubject();
        if (pin != null) {
            return byPin(workerId, pin, proofId);
        }
        if (recentLogin(token, Instant.now())) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(required());
    }

    /** The problem for a sensitive action without a proof. */
    public static ProblemException required() {
        return new ProblemException(ProblemType.STEP_UP_REQUIRED, 403,
                "Enter your PIN to continue (header " + PIN_HEADER + "), or sign in again. Nothing was done.");
    }

    private Uni<Void> byPin(String workerId, String pin, String proofId) {
        if (!pin.matches(PIN_PATTERN)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION, 400,
                    "The PIN in " + PIN_HEADER + " must be 4 to 6 digits. Nothing was done."));
        }
        return pins.check(workerId, PinPurpose.STEP_UP, pin).flatMap(check -> {
            Uni<Void> duress = check.duress()
                    ? raiseDuress(workerId, proofId)
                    : Uni.createFrom().voidItem();
            // Under duress the answer is the cancel PIN's: also while PIN entry is locked.
            return duress.invoke(() -> {
                if (!check.accepted()) {
                    throw check.refusal();
                }
            });
        });
    }

    /**
     * Raises and escalates the silent alarm of a duress PIN, in one transaction, before she gets an
     * answer. The client reference follows from her, the proof id (so the calls of one unlock are
     * one alarm; without a proof id, the current step-up window) and her stored duress PIN hash:
     * the phone knows the proof id, but without a secret of the server it could compute the alarm
     * id and ask about it (for example try to cancel it) to learn whether there was a duress.
     */
    @WithTransaction
    Uni<Void> raiseDuress(String workerId, String proofId) {
        String unlock = proofId != null ? "proof:" + proofId
                : "window:" + Instant.now().getEpochSecond() / Math.max(1, config.maxAge().toSeconds());
        return pins.find(workerId).flatMap(stored -> {
            UUID clientRef = UUID.nameUUIDFromBytes(("step-up:" + workerId + ":" + unlock + ":" + stored.duressHash)
                    .getBytes(StandardCharsets.UTF_8));
            return alarms.raise(workerId, AlarmKind.SILENT, AlarmChannel.APP, clientRef, null);
        }).flatMap(alarm -> cancels.escalate(alarm.alarmId)).replaceWithVoid();
    }

    private boolean recentLogin(JsonWebToken token, Instant now) {
        Object claim = token.getClaim("auth_time");
        long authTime;
        if (claim instanceof Number number) {
            authTime = number.longValue();
        } else if (claim instanceof JsonNumber number) {
            authTime = number.longValue();
        } else {
            return false;
        }
        Instant at = Instant.ofEpochSecond(authTime);
        return !at.isAfter(now.plus(config.clockSkew())) && !at.isBefore(now.minus(config.maxAge()));
    }
}
