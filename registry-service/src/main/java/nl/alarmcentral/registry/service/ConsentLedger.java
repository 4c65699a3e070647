package nl.alarmcentral.registry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import nl.alarmcentral.registry.ConsentType;
import nl.alarmcentral.registry.rest.ConsentsView;

/**
 * A worker's consent decisions in the order she made them, and what follows from them now: a
 * consent holds if her latest decision for its type granted it. Nothing is assumed: a type she
 * never decided on is not granted.
 */
public final class ConsentLedger {

    /**
     * A decision with its time.
     *
     * @param decision what she decided
     * @param at       when
     */
    public record Entry(ConsentDecision decision, Instant at) {
    }

    private final List<Entry> entries;
    private final Map<ConsentType, ConsentsView.Consent> current = new EnumMap<>(ConsentType.class);

    public ConsentLedger(List<Entry> entriesOldestFirst) {
        this.entries = List.copyOf(entriesOldestFirst);
        for (ConsentType type : ConsentType.values()) {
            current.put(type, new ConsentsView.Consent(type, false, null, null, null, null));
        }
        for (Entry entry : entries) {
            ConsentDecision d = entry.decision();
            ConsentsView.Consent before = current.get(d.type());
            current.put(d.type(), d.granted()
                    ? new ConsentsView.Consent(d.type(), true, d.textVersion(), entry.at(), null, d.fields())
                    : new ConsentsView.Consent(d.type(), false, before.textVersion(), before.grantedAt(), entry.at(), null));
        }
    }

    public static ConsentLedger empty() {
        return new ConsentLedger(List.of());
    }

    /** The ledger with one more decision. */
    public ConsentLedger with(ConsentDecision decision, Instant at) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(decision, at));
        return new ConsentLedger(more);
    }

    /** Whether the consent holds now. */
    public boolean granted(ConsentType type) {
        return current.get(type).granted();
    }

    /** The fields of her current POLICE_FIELDS consent; empty if it does not hold. */
    public List<String> policeFields() {
        ConsentsView.Consent consent = current.get(ConsentType.POLICE_FIELDS);
        return consent.granted() && consent.fields() != null ? consent.fields() : List.of();
    }

    /** Whether this decision would change what holds now (a repeated decision is not recorded again). */
    public boolean changes(ConsentDecision decision) {
        ConsentsView.Consent now = current.get(decision.type());
        if (now.granted() != decision.granted()) {
            return true;
        }
        return decision.granted() && (!Objects.equals(now.textVersion(), decision.textVersion())
                || !Objects.equals(now.fields(), decision.fields()));
    }

    /** Her consents now, one per type, and her decisions newest first. */
    public ConsentsView view() {
        List<ConsentsView.Change> history = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            ConsentDecision d = entries.get(i).decision();
            history.add(new ConsentsView.Change(d.type(), d.granted(), d.textVersion(), entries.get(i).at(), d.fields()));
        }
        return new ConsentsView(List.copyOf(current.values()), history);
    }
}
