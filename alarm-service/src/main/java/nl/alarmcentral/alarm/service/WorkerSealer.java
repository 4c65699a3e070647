package nl.alarmcentral.alarm.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.alarm.repository.WorkerSealingKeyRepository;
import nl.alarmcentral.contract.crypto.CryptoException;
import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.contract.crypto.SealedKind;
import nl.alarmcentral.contract.crypto.SealedValue;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.contract.event.AlarmPosition;

/**
 * Seals what alarm-service keeps of a worker (an alarm's position, a safety timer's note) to her
 * public keyset before it is stored, so that no row, WAL segment or backup of this database holds
 * it readably and destroying her private keyset in the registry makes every copy unreadable
 * (docs/architecture.md, "Personal data outside the registry"). Her keyset comes from
 * {@code worker.registrations} ({@link #saveKeyset}); the press path never asks the registry.
 *
 * <p>A position is never a reason to refuse or delay an alarm: without her keyset (she never saved
 * a registration that has one, so the registry could not open it either) or when sealing fails,
 * the alarm is stored without a position. A note is refused instead ({@code TimerService}): she
 * can start the timer without it.
 */
@ApplicationScoped
public class WorkerSealer {

    private static final Logger LOG = Logger.getLogger(WorkerSealer.class);

    private final AlarmRepository alarms;
    private final WorkerSealingKeyRepository keys;
    private final ObjectMapper json;
    /** The public half of a throwaway key pair that {@link #rehearse} seals to. */
    private volatile String rehearsalKeyset;

    public WorkerSealer(AlarmRepository alarms, WorkerSealingKeyRepository keys, ObjectMapper json) {
        this.alarms = alarms;
        this.keys = keys;
        this.json = json;
    }

    /**
     * Stores her public keyset from a registration record (replacing an earlier one).
     *
     * @return false, storing nothing, when it is not a public sealing keyset
     */
    @WithTransaction
    public Uni<Boolean> saveKeyset(String workerId, String publicKeyset) {
        try {
            // Parses it: a keyset nothing can be sealed to is not kept, so every stored one works.
            WorkerSealing.seal(publicKeyset, new byte[0], new byte[0]);
        } catch (CryptoException e) {
            return Uni.createFrom().item(false);
        }
        return alarms.getSession().flatMap(session -> keys.save(session, workerId, publicKeyset)).replaceWith(true);
    }

    /** Her public keyset, or null when it is not known. */
    @WithSession
    public Uni<String> keysetOf(String workerId) {
        return alarms.getSession().flatMap(session -> keys.find(session, workerId));
    }

    /**
     * Seals the alarm's in-memory position into {@link Alarm#sealedPosition}, in the caller's
     * session, unless it is sealed already. Without her keyset, or when sealing fails, the row
     * gets no position; this never fails.
     */
    public Uni<Alarm> sealPosition(Alarm alarm) {
        if (alarm.position == null || alarm.sealedPosition != null || alarm.workerId == null) {
            return Uni.createFrom().item(alarm);
        }
        return alarms.getSession().flatMap(session -> keys.find(session, alarm.workerId)).map(keyset -> {
            if (keyset == null) {
                LOG.infof("Alarm %s: the worker's public keyset is not known; its position is not stored", alarm.alarmId);
                return alarm;
            }
            try {
                Location where = alarm.position;
                alarm.sealedPosition = sealPosition(keyset, alarm.alarmId,
                        new AlarmPosition(where.lat(), where.lon(), where.accuracyM(), where.capturedAt()));
            } catch (JsonProcessingException | RuntimeException e) {
                // The class only: nothing of the position reaches a log.
                LOG.warnf("Alarm %s: its position could not be sealed (%s); it is not stored", alarm.alarmId,
                        e.getClass().getName());
            }
            return alarm;
        });
    }

    /**
     * The sealing part of a press, for the press-path rehearsal (issue 21): her keyset looked up in
     * the caller's session (for a worker id no account has, so nothing is found), and a sample
     * position sealed to a throwaway key pair, so that the first real press finds the query
     * prepared and Tink's HPKE (X25519, HKDF, AES-GCM) and the position's JSON built. Touches no
     * worker's data.
     */
    public Uni<Void> rehearse(String reservedWorkerId) {
        return alarms.getSession().flatMap(session -> keys.find(session, reservedWorkerId)).invoke(ignored -> {
            if (rehearsalKeyset == null) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                rehearsalKeyset = WorkerSealing.newKeyPair(KeyRing.ofKeyBytes(key), new byte[0]).publicKeyset();
            }
            try {
                sealPosition(rehearsalKeyset, new UUID(0, 0), new AlarmPosition(52.0, 5.0, 10.0, Instant.EPOCH));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A position cannot be serialised", e);
            }
        }).replaceWithVoid();
    }

    /** A position as JSON, sealed to her public keyset (subject: the alarm id). */
    private byte[] sealPosition(String publicKeyset, UUID alarmId, AlarmPosition position) throws JsonProcessingException {
        return WorkerSealing.seal(publicKeyset, json.writeValueAsBytes(position),
                SealedKind.ALARM_POSITION.associatedData(alarmId.toString()));
    }

    /** Seals a timer note to her public keyset (subject: the timer id). */
    public static byte[] sealNote(String publicKeyset, UUID timerId, String note) {
        return WorkerSealing.seal(publicKeyset, note.getBytes(StandardCharsets.UTF_8),
                SealedKind.TIMER_NOTE.associatedData(timerId.toString()));
    }

    /** Sealed bytes as they are handed to dispatch (claim check), or null. */
    public static SealedValue view(byte[] sealed, SealedKind kind, UUID subjectId) {
        return sealed == null ? null : new SealedValue(Base64.getEncoder().encodeToString(sealed), kind, subjectId.toString());
    }
}
