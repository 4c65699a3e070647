package nl.alarmcentral.dispatch.service;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.client.AlarmDetails;
import nl.alarmcentral.dispatch.client.RegistryCard;

/**
 * What this instance holds of the workers' personal data: the dispatch card of each open incident
 * it shows (from the registry) and the claim-checked details of their alarms (position, timer note,
 * from alarm-service). Only in memory, never in the database: a card written to a table would
 * outlive her key in the WAL and in every backup (issue 14, docs/architecture.md "Personal data
 * outside the registry"). After a restart, and on every other instance, they are fetched again
 * ({@link CardFetcher}, {@link DetailsFetcher}).
 *
 * <p>An entry is held only while its incident is open: it is dropped when the incident closes
 * ({@link IncidentService#closeLocked}), when the fetchers' rounds find its incident closed (closed
 * by another instance), and replaced by "none" when she is erased. What an instance has not
 * fetched shows as pending ({@link IncidentQueryService}).
 *
 * <p>Writes happen while the incident's row is locked ({@link IncidentService#storeCard},
 * {@link IncidentService#storeDetails}, closing, erasure), so a card cannot come back after the
 * closing or erasure that dropped it.
 */
@ApplicationScoped
public class IncidentCardStore {

    /**
     * What this instance knows of an incident's card.
     *
     * @param workerId  whose card it is (erasure drops it by worker)
     * @param status    AVAILABLE (with {@code card}), NONE (she has none, or was erased) or UNAVAILABLE (retried)
     * @param card      the card, when AVAILABLE
     * @param storedAt  when it was stored (a round drops only what it can have seen closed)
     */
    public record CardEntry(String workerId, CardStatus status, RegistryCard card, Instant storedAt) {
    }

    /**
     * What this instance knows of an alarm's details.
     *
     * @param incidentId the alarm's incident (closing drops its details in one go)
     * @param workerId   whose alarm it is
     * @param status     AVAILABLE (with {@code details}), NONE (gone, or she was erased) or UNAVAILABLE (retried)
     * @param details    the details, when AVAILABLE
     * @param storedAt   when it was stored
     */
    public record DetailsEntry(UUID incidentId, String workerId, DetailsStatus status, AlarmDetails details,
            Instant storedAt) {
    }

    private final Map<UUID, CardEntry> cards = new ConcurrentHashMap<>();
    private final Map<UUID, DetailsEntry> details = new ConcurrentHashMap<>();

    /** Incidents opened here whose card is asked for once {@code incident.opened} is acknowledged. */
    private final Set<UUID> announcing = ConcurrentHashMap.newKeySet();
    private final Set<UUID> fetchingCards = ConcurrentHashMap.newKeySet();
    private final Set<UUID> fetchingDetails = ConcurrentHashMap.newKeySet();

    /** The card of an incident as this instance knows it; null when it has not fetched it. */
    public CardEntry card(UUID incidentId) {
        return cards.get(incidentId);
    }

    /** An alarm's details as this instance knows them; null when it has not fetched them. */
    public DetailsEntry details(UUID alarmId) {
        return details.get(alarmId);
    }

    void putCard(UUID incidentId, CardEntry entry) {
        cards.put(incidentId, entry);
    }

    void putDetails(UUID alarmId, DetailsEntry entry) {
        details.put(alarmId, entry);
    }

    /** Drops the incident's card and its alarms' details (it closed). */
    void drop(UUID incidentId) {
        cards.remove(incidentId);
        details.values().removeIf(entry -> entry.incidentId().equals(incidentId));
        announcing.remove(incidentId);
    }

    /**
     * Drops what is held of incidents that are not among {@code open}, as far as it was stored before
     * {@code listedAt} (what was stored later may belong to an incident opened after the listing).
     */
    void keepOnly(Set<UUID> open, Instant listedAt) {
        cards.entrySet().removeIf(e -> !open.contains(e.getKey()) && e.getValue().storedAt().isBefore(listedAt));
        details.values().removeIf(e -> !open.contains(e.incidentId()) && e.storedAt().isBefore(listedAt));
    }

    /** She withdrew: every card and details of hers this instance holds become "none". */
    void erase(String workerId, Instant at) {
        cards.replaceAll((id, entry) -> workerId.equals(entry.workerId())
                ? new CardEntry(workerId, CardStatus.NONE, null, at) : entry);
        details.replaceAll((id, entry) -> workerId.equals(entry.workerId())
                ? new DetailsEntry(entry.incidentId(), workerId, DetailsStatus.NONE, null, at) : entry);
    }

    /** An incident opened here: its card is asked for once the registry has been told (not by a read). */
    void announcing(UUID incidentId) {
        announcing.add(incidentId);
    }

    /** Its {@code incident.opened} is acknowledged: reads may have its card fetched from now on. */
    void announced(UUID incidentId) {
        announcing.remove(incidentId);
    }

    /** Whether a read that finds no card should have it fetched: nobody here is about to. */
    boolean cardWanted(UUID incidentId) {
        return !cards.containsKey(incidentId) && !announcing.contains(incidentId) && !fetchingCards.contains(incidentId);
    }

    /** Whether a read that finds no details should have them fetched. */
    boolean detailsWanted(UUID alarmId) {
        return !details.containsKey(alarmId) && !fetchingDetails.contains(alarmId);
    }

    /** Marks the card as being fetched; false when it already is (one fetch at a time per incident). */
    boolean startFetchingCard(UUID incidentId) {
        return fetchingCards.add(incidentId);
    }

    void doneFetchingCard(UUID incidentId) {
        fetchingCards.remove(incidentId);
    }

    /** Marks the details as being fetched; false when they already are. */
    boolean startFetchingDetails(UUID alarmId) {
        return fetchingDetails.add(alarmId);
    }

    void doneFetchingDetails(UUID alarmId) {
        fetchingDetails.remove(alarmId);
    }

    /** Forgets everything, as a restart does (tests simulate a restart with it). */
    public void clear() {
        cards.clear();
        details.clear();
        announcing.clear();
    }
}
