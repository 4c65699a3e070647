package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.ConsentChange;
import nl.alarmcentral.registry.ConsentType;
import nl.alarmcentral.registry.crypto.FieldCipher;
import nl.alarmcentral.registry.crypto.WorkerFields;
import nl.alarmcentral.registry.repository.ConsentChangeRepository;
import nl.alarmcentral.registry.rest.ConsentRequest;
import nl.alarmcentral.registry.rest.ConsentsView;

/**
 * Her consents: granular (one decision per {@link ConsentType}), versioned (a grant names the
 * consent text she agreed to, which must be the current one) and with their history (every
 * decision is appended, encrypted, never changed). A decision takes effect at once: the next card
 * request reads it in its own transaction.
 */
@ApplicationScoped
public class ConsentService {

    private final ConsentChangeRepository changes;
    private final WorkerKeyService keys;
    private final FieldCipher cipher;
    private final WorkerRecords records;

    public ConsentService(ConsentChangeRepository changes, WorkerKeyService keys, FieldCipher cipher, WorkerRecords records) {
        this.changes = changes;
        this.keys = keys;
        this.cipher = cipher;
        this.records = records;
    }

    /** Her consents now and their history. */
    @WithSession
    public Uni<ConsentsView> consents(String workerId) {
        return keys.existingKeyFor(workerId).flatMap(key -> key == null ? Uni.createFrom().item(ConsentLedger.empty().view())
                : records.consents(workerId, cipher.forWorker(workerId, key)).map(ConsentLedger::view));
    }

    /** Records her decision for one type (unless it changes nothing) and returns where she stands. */
    @WithTransaction
    public Uni<ConsentsView> decide(String workerId, ConsentType type, ConsentRequest request) {
        ConsentDecision decision = decision(type, request);
        return keys.keyForWrite(workerId).flatMap(key -> {
            WorkerFields fields = cipher.forWorker(workerId, key);
            return records.consents(workerId, fields).flatMap(ledger -> {
                if (!ledger.changes(decision)) {
                    return Uni.createFrom().item(ledger.view());
                }
                ConsentChange change = new ConsentChange();
                change.workerId = workerId;
                change.changedAt = Instant.now();
                change.content = fields.sealJson(PersonalFields.CONSENT, decision);
                return changes.persist(change).map(stored -> ledger.with(decision, change.changedAt).view());
            });
        });
    }

    private static ConsentDecision decision(ConsentType type, ConsentRequest request) {
        boolean granted = request.granted();
        String version = request.textVersion();
        if (granted && version == null) {
            throw new InvalidInputException("textVersion", "is required to grant a consent");
        }
        if (version != null && !ConsentType.CURRENT_TEXT_VERSION.equals(version)) {
            throw new InvalidInputException("textVersion", "must be the current version " + ConsentType.CURRENT_TEXT_VERSION);
        }
        List<String> fields = request.fields();
        if (type != ConsentType.POLICE_FIELDS) {
            if (fields != null) {
                throw new InvalidInputException("fields", "are only for POLICE_FIELDS");
            }
            return new ConsentDecision(type, granted, granted ? version : null, null);
        }
        if (!granted) {
            if (fields != null && !fields.isEmpty()) {
                throw new InvalidInputException("fields", "must be empty when withdrawing");
            }
            return new ConsentDecision(type, false, null, null);
        }
        if (fields == null || fields.isEmpty()) {
            throw new InvalidInputException("fields", "must name at least one field");
        }
        if (!ConsentType.POLICE_FIELD_NAMES.containsAll(fields)) {
            throw new InvalidInputException("fields", "may only name " + String.join(", ", ConsentType.POLICE_FIELD_NAMES));
        }
        if (new HashSet<>(fields).size() != fields.size()) {
            throw new InvalidInputException("fields", "must not name a field twice");
        }
        return new ConsentDecision(type, true, version, List.copyOf(fields));
    }
}
