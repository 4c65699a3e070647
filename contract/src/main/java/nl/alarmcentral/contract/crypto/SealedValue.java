package nl.alarmcentral.contract.crypto;

import java.util.Base64;

/**
 * A value sealed to a worker's public keyset, as one service hands it to another: the sealed bytes
 * (base64), what kind of value it is and the subject it was sealed for. alarm-service answers these
 * in an alarm's details (claim check); dispatch passes them unchanged, with the incident id, to the
 * registry's {@code POST /api/dispatch/incidents/{incidentId}/open}, the only place they open.
 * Holding one reveals nothing: only her private keyset, which lives in the registry, opens it.
 *
 * @param sealed    base64 of {@link WorkerSealing#seal} output
 * @param kind      what it is (decides the associated data and the disclosed field)
 * @param subjectId the alarm id (a position) or timer id (a timer note) it was sealed for
 */
public record SealedValue(String sealed, SealedKind kind, String subjectId) {

    /** Seals {@code plaintext} to her public keyset for this kind and subject. */
    public static SealedValue seal(String publicKeyset, SealedKind kind, String subjectId, byte[] plaintext) {
        byte[] bytes = WorkerSealing.seal(publicKeyset, plaintext, kind.associatedData(subjectId));
        return new SealedValue(Base64.getEncoder().encodeToString(bytes), kind, subjectId);
    }
}
