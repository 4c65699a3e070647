package nl.alarmcentral.alarm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.restassured.path.json.JsonPath;
import nl.alarmcentral.contract.crypto.KeyRing;
import nl.alarmcentral.contract.crypto.SealedKind;
import nl.alarmcentral.contract.crypto.WorkerSealing;
import nl.alarmcentral.contract.event.AlarmPosition;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTopics;

/**
 * Test workers' sealing key pairs, made here as the registry makes them ({@link WorkerSealing}),
 * and opening what alarm-service answers dispatch with, as the registry would: the tests' way to
 * prove that a stored position or note is sealed to her and to nobody else.
 */
public final class SealingTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Map<String, Keys> KEYS = new ConcurrentHashMap<>();

    private SealingTestSupport() {
    }

    /** A worker's key pair: the private half wrapped by a ring only this test holds. */
    public record Keys(String workerId, KeyRing ring, WorkerSealing.KeyPair pair) {

        /** Opens sealed bytes (base64) of this kind and subject, as the registry would. */
        public byte[] open(String sealedBase64, SealedKind kind, String subjectId) {
            return WorkerSealing.open(ring, workerId.getBytes(StandardCharsets.UTF_8), pair.wrappedPrivateKeyset(),
                    Base64.getDecoder().decode(sealedBase64), kind.associatedData(subjectId));
        }
    }

    /** A new key pair for her (not stored anywhere yet). */
    public static Keys newKeys(String workerId) {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        KeyRing ring = KeyRing.ofKeyBytes(master);
        Keys keys = new Keys(workerId, ring, WorkerSealing.newKeyPair(ring, workerId.getBytes(StandardCharsets.UTF_8)));
        KEYS.put(workerId, keys);
        return keys;
    }

    /**
     * Gives her a key pair and stores its public keyset directly in alarm-service's table, as
     * {@code WorkerRegistrationConsumer} does from her registration (tests about something else:
     * {@link #registered} goes through the topic).
     */
    public static Keys withKey(String workerId) {
        Keys keys = newKeys(workerId);
        PinsAndTimersSupport.sql("INSERT INTO worker_sealing_key (worker_id, public_keyset, updated_at) VALUES (?, ?, now()) "
                + "ON CONFLICT (worker_id) DO UPDATE SET public_keyset = EXCLUDED.public_keyset", workerId,
                keys.pair().publicKeyset());
        return keys;
    }

    /**
     * Gives her a key pair and publishes her registration with its public keyset on
     * {@code worker.registrations}, as the registry does, then waits until alarm-service stored it.
     */
    public static Keys registered(String workerId) {
        Keys keys = newKeys(workerId);
        KafkaTopics.send(Topics.WORKER_REGISTRATIONS, workerId, "{\"workerId\":\"" + workerId + "\",\"registeredAt\":\""
                + Instant.now() + "\",\"publicKeyset\":\"" + keys.pair().publicKeyset() + "\"}",
                registrationHeaders(EventTypes.WORKER_REGISTERED));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> List.of(keys.pair().publicKeyset()).equals(PinsAndTimersSupport.column(
                        "SELECT public_keyset FROM worker_sealing_key WHERE worker_id = ?", workerId)));
        return keys;
    }

    /** CloudEvent headers of a record on {@code worker.registrations}. */
    public static Map<String, String> registrationHeaders(String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", type,
                "ce_source", EventTypes.SOURCE_REGISTRY_SERVICE);
    }

    /** The alarm's position as dispatch's claim check answers it, opened with her private key; null if none. */
    public static AlarmPosition position(String workerId, String alarmId) {
        JsonPath details = PinsAndTimersSupport.dispatchDetails(alarmId).statusCode(200).extract().jsonPath();
        String sealed = details.getString("location.sealed");
        if (sealed == null) {
            return null;
        }
        if (!SealedKind.ALARM_POSITION.name().equals(details.getString("location.kind"))
                || !alarmId.equals(details.getString("location.subjectId"))) {
            throw new AssertionError("Not a position of this alarm: " + details.prettify());
        }
        try {
            return JSON.readValue(KEYS.get(workerId).open(sealed, SealedKind.ALARM_POSITION, alarmId), AlarmPosition.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The timer note in dispatch's claim check of this alarm, opened with her private key; null if none. */
    public static String note(String workerId, String alarmId) {
        JsonPath details = PinsAndTimersSupport.dispatchDetails(alarmId).statusCode(200).extract().jsonPath();
        String sealed = details.getString("timerNote.sealed");
        if (sealed == null) {
            return null;
        }
        if (!SealedKind.TIMER_NOTE.name().equals(details.getString("timerNote.kind"))) {
            throw new AssertionError("Not a timer note: " + details.prettify());
        }
        return new String(KEYS.get(workerId).open(sealed, SealedKind.TIMER_NOTE, details.getString("timerNote.subjectId")),
                StandardCharsets.UTF_8);
    }
}
