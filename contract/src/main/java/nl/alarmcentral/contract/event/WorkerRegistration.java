package nl.alarmcentral.contract.event;

import java.time.Instant;

/**
 * Payload of {@link EventTypes#WORKER_REGISTERED} on the compacted topic
 * {@link Topics#WORKER_REGISTRATIONS}, keyed by worker id. It says only that she is registered:
 * her data stays in the registry. The tombstone that replaces it when she withdraws is what the
 * other services act on.
 *
 * @param workerId     her account id
 * @param registeredAt when she first registered
 */
public record WorkerRegistration(String workerId, Instant registeredAt) {
}
