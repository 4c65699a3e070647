package nl.alarmcentral.dispatch;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.infra.test.KafkaTopics;

/**
 * Publishes on {@code worker.registrations} the way registry-service does: a registration keyed by
 * worker id, and the tombstone (null value, CloudEvent headers of type erased) when she withdraws.
 */
public final class WorkerRegistrations {

    private WorkerRegistrations() {
    }

    /** She registered. */
    public static void registered(String worker) {
        KafkaTopics.send(Topics.WORKER_REGISTRATIONS, worker,
                "{\"workerId\":\"" + worker + "\",\"registeredAt\":\"" + Instant.now() + "\"}",
                headers(EventTypes.WORKER_REGISTERED));
    }

    /** She withdrew: a tombstone. */
    public static void erased(String worker) {
        KafkaTopics.send(Topics.WORKER_REGISTRATIONS, worker, null, headers(EventTypes.WORKER_ERASED));
    }

    private static Map<String, String> headers(String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", type,
                "ce_source", EventTypes.SOURCE_REGISTRY_SERVICE);
    }
}
