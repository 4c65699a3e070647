package nl.alarmcentral.contract.event;

import java.time.Instant;

import nl.alarmcentral.contract.crypto.WorkerSealing;

/**
 * Payload of {@link EventTypes#WORKER_REGISTERED} on the compacted topic
 * {@link Topics#WORKER_REGISTRATIONS}, keyed by worker id. It says only that she is registered and
 * how to seal to her: her data stays in the registry. The tombstone that replaces it when she
 * withdraws is what the other services act on.
 *
 * <p>A later record for the same worker replaces the earlier one (compaction keeps the latest):
 * the registry publishes again when her public keyset changes, for example when a worker who
 * registered before sealing existed gets her key pair.
 *
 * @param workerId     her account id
 * @param registeredAt when she first registered
 * @param publicKeyset her public sealing keyset (base64 of Tink's keyset without secrets): what a
 *                     service passes to {@link WorkerSealing#seal} so that only the registry can
 *                     open it. A public key is not personal data. Absent (null) in records
 *                     published before sealing existed.
 */
public record WorkerRegistration(String workerId, Instant registeredAt, String publicKeyset) {
}
