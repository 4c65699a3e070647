package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.DeviceWarning;
import nl.alarmcentral.dispatch.DeviceWarningType;
import nl.alarmcentral.dispatch.HelpKind;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentAction;
import nl.alarmcentral.dispatch.IncidentActionType;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentCategory;
import nl.alarmcentral.dispatch.IncidentPriority;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.PinEntry;
import nl.alarmcentral.dispatch.PinEntryType;
import nl.alarmcentral.dispatch.client.AlarmDetails;
import nl.alarmcentral.dispatch.client.RegistryCard;
import nl.alarmcentral.dispatch.repository.DeviceWarningRepository;
import nl.alarmcentral.dispatch.repository.IncidentActionRepository;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;
import nl.alarmcentral.dispatch.repository.IncidentRepository;
import nl.alarmcentral.dispatch.repository.PinEntryRepository;
import nl.alarmcentral.dispatch.rest.AcknowledgeTimes;
import nl.alarmcentral.dispatch.rest.IncidentSummary;
import nl.alarmcentral.dispatch.rest.IncidentView;
import nl.alarmcentral.dispatch.rest.IncidentView.AddressView;
import nl.alarmcentral.dispatch.rest.IncidentView.CardView;
import nl.alarmcentral.dispatch.rest.IncidentView.ContactView;
import nl.alarmcentral.dispatch.rest.IncidentView.DetailsView;
import nl.alarmcentral.dispatch.rest.IncidentView.EntryType;
import nl.alarmcentral.dispatch.rest.IncidentView.HelpSentView;
import nl.alarmcentral.dispatch.rest.IncidentView.LocationView;
import nl.alarmcentral.dispatch.rest.IncidentView.TimelineEntry;

/**
 * Reads incidents with everything on their timelines (alarms' details, dispatchers' actions), as
 * dispatchers see them, in full or as the console's summaries. Priority, duress, cancelled and
 * silent are derived here from the recorded facts, so they never depend on the order in which
 * events arrived.
 *
 * <p>Cards and alarms' details come from this instance's memory ({@link IncidentCardStore}), never
 * from the database. An unclosed incident whose card (or an alarm whose details) this instance has
 * not fetched shows as pending, and a read that finds one has it fetched at once: by a round when
 * the incident is on the console's list ({@link CardFetcher#fetchMissingSoon}), that one alone when
 * it is resolved ({@link CardFetcher#fetchOnRead}); a closed incident shows none. The warm-up's synthetic
 * incidents ask for nothing.
 */
@ApplicationScoped
public class IncidentQueryService {

    /** Duress first, then oldest first. */
    private static final Comparator<IncidentView> LIST_ORDER = Comparator.comparing(IncidentView::priority)
            .thenComparing(IncidentView::openedAt);

    /** What the console's list shows: everything not finished. */
    private static final List<IncidentStatus> UNFINISHED = IncidentStatus.unfinished();

    private final IncidentRepository incidents;
    private final IncidentAlarmRepository alarms;
    private final PinEntryRepository pinEntries;
    private final DeviceWarningRepository deviceWarnings;
    private final IncidentActionRepository actions;
    private final IncidentCardStore memory;
    private final CardFetcher cardFetcher;
    private final DetailsFetcher detailsFetcher;

    public IncidentQueryService(IncidentRepository incidents, IncidentAlarmRepository alarms, PinEntryRepository pinEntries,
            DeviceWarningRepository deviceWarnings, IncidentActionRepository actions, IncidentCardStore memory,
            CardFetcher cardFetcher, DetailsFetcher detailsFetcher) {
        this.incidents = incidents;
        this.alarms = alarms;
        this.pinEntries = pinEntries;
        this.deviceWarnings = deviceWarnings;
        this.actions = actions;
        this.memory = memory;
        this.cardFetcher = cardFetcher;
        this.detailsFetcher = detailsFetcher;
    }

    /** Incidents in the given states: duress first, then oldest first. */
    @WithSession
    public Uni<List<IncidentView>> list(Collection<IncidentStatus> statuses) {
        return incidents.listByStatus(statuses).flatMap(this::views);
    }

    /** One incident, or null when there is none (never was, or reduced to statistics). */
    @WithSession
    public Uni<IncidentView> find(UUID id) {
        return incidents.findById(id).flatMap(incident -> incident == null ? Uni.createFrom().nullItem()
                : views(List.of(incident)).map(found -> found.get(0)));
    }

    /** The console's list: every incident that is not resolved or closed, duress first, then oldest first. */
    @WithSession
    public Uni<List<IncidentSummary>> summaries() {
        return incidents.listByStatus(UNFINISHED).flatMap(found -> views(found, false))
                .map(views -> views.stream().map(IncidentSummary::of).toList());
    }

    /** Summaries of these incidents, whatever their state (those that still exist). */
    @WithSession
    public Uni<List<IncidentSummary>> summariesOf(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return incidents.listByIds(ids).flatMap(found -> views(found, false))
                .map(views -> views.stream().map(IncidentSummary::of).toList());
    }

    private Uni<List<IncidentView>> views(List<Incident> found) {
        return views(found, true);
    }

    /**
     * The incidents' views; without {@code timeline} only what a summary shows is read (alarms, PIN
     * entries): the consoles' frames are read at every change of every incident, and half the
     * queries would be for nothing.
     */
    private Uni<List<IncidentView>> views(List<Incident> found, boolean timeline) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.<IncidentView>of());
        }
        List<UUID> ids = found.stream().map(i -> i.id).toList();
        // One after the other: a reactive session runs one query at a time.
        return alarms.listForIncidents(ids).flatMap(alarmList -> pinEntries
                .listForIncidents(ids).flatMap(pinList -> orNone(timeline, () -> deviceWarnings.listForIncidents(ids))
                .flatMap(warningList -> orNone(timeline, () -> actions.listForIncidents(ids)).map(actionList -> {
                    Map<UUID, List<IncidentAlarm>> alarmsOf = group(alarmList, a -> a.incidentId);
                    Map<UUID, List<PinEntry>> pinsOf = group(pinList, p -> p.incidentId);
                    Map<UUID, List<DeviceWarning>> warningsOf = group(warningList, w -> w.incidentId);
                    Map<UUID, List<IncidentAction>> actionsOf = group(actionList, a -> a.incidentId);
                    Missing missing = new Missing();
                    List<IncidentView> views = found.stream()
                            .map(i -> view(i, alarmsOf.getOrDefault(i.id, List.of()), pinsOf.getOrDefault(i.id, List.of()),
                                    warningsOf.getOrDefault(i.id, List.of()), actionsOf.getOrDefault(i.id, List.of()),
                                    card(i, missing), missing))
                            .sorted(LIST_ORDER)
                            .toList();
                    if (missing.cards) {
                        cardFetcher.fetchMissingSoon();
                    }
                    if (missing.details) {
                        detailsFetcher.fetchMissingSoon();
                    }
                    return views;
                }))));
    }

    /** What a read found missing from this instance's memory, to be fetched at once. */
    private static final class Missing {
        boolean cards;
        boolean details;
    }

    private IncidentView view(Incident incident, List<IncidentAlarm> alarms, List<PinEntry> pins,
            List<DeviceWarning> warnings, List<IncidentAction> actions, CardView card, Missing missing) {
        boolean duress = pins.stream().anyMatch(p -> p.type == PinEntryType.DURESS);
        // Her first cancel of each alarm.
        Map<UUID, Instant> cancelOf = pins.stream().filter(p -> p.type == PinEntryType.CANCEL)
                .collect(Collectors.toMap(p -> p.alarmId, p -> p.occurredAt, (a, b) -> a.isBefore(b) ? a : b));
        // A cancel covers only its own alarm: a later alarm, or one she did not cancel, keeps the incident live.
        boolean cancelledByWorker = !duress && !alarms.isEmpty() && alarms.stream().allMatch(a -> cancelOf.containsKey(a.alarmId));
        Instant cancelledAt = cancelledByWorker
                ? alarms.stream().map(a -> cancelOf.get(a.alarmId)).max(Comparator.naturalOrder()).orElseThrow()
                : null;
        boolean silent = duress || alarms.stream().anyMatch(a -> a.kind == AlarmKind.SILENT);

        List<TimelineEntry> timeline = new ArrayList<>();
        alarms.forEach(a -> timeline.add(new TimelineEntry(EntryType.ALARM, a.raisedAt, a.alarmId, a.kind, a.channel, null,
                details(incident, a, missing), null, null, null)));
        pins.stream()
                // A duress must never look cancelled: its cancels stay in the database, not in the view.
                .filter(p -> !duress || p.type == PinEntryType.DURESS)
                .forEach(p -> timeline.add(new TimelineEntry(p.type == PinEntryType.DURESS ? EntryType.DURESS : EntryType.CANCELLED,
                        p.occurredAt, p.alarmId, null, null, null, null, null, null, null)));
        warnings.forEach(w -> timeline.add(new TimelineEntry(w.type == DeviceWarningType.OFFLINE ? EntryType.DEVICE_OFFLINE
                : EntryType.DEVICE_BATTERY_LOW, w.occurredAt, null, null, null, w.deviceId, null, null, null, null)));
        actions.forEach(a -> timeline.add(new TimelineEntry(EntryType.valueOf(a.type.name()), a.at, null, null, null, null,
                null, a.actor, a.detail, a.text)));
        // Stable: entries at the same moment keep the order above (an action after the alarm it answers).
        timeline.sort(Comparator.comparing(TimelineEntry::at));

        List<HelpSentView> helpSent = actions.stream().filter(a -> a.type == IncidentActionType.HELP_SENT)
                .map(a -> new HelpSentView(HelpKind.valueOf(a.detail), a.text, a.at, a.actor)).toList();

        return new IncidentView(incident.id, incident.version, incident.status, incident.kind,
                duress ? IncidentPriority.DURESS : IncidentPriority.ALARM, duress, cancelledByWorker, cancelledAt, silent,
                incident.escalatedAt != null, incident.escalatedAt, incident.openedAt, incident.lastAlarmAt,
                incident.acknowledgedAt, incident.acknowledgedBy, helpSent, incident.outcome,
                IncidentCategory.split(incident.categories), incident.followUp, incident.resolvedAt, incident.closedAt,
                alarms.stream().map(a -> new IncidentView.AlarmView(a.alarmId, a.kind, a.channel, a.raisedAt)).toList(),
                timeline, card);
    }

    /** Her card as this instance holds it; pending (and to be fetched) when it has not fetched it. */
    private CardView card(Incident incident, Missing missing) {
        if (incident.status == IncidentStatus.CLOSED) {
            // Dropped with the closing; another instance's copy goes at its next round or here.
            memory.drop(incident.id);
            return CardView.absent(CardStatus.NONE);
        }
        IncidentCardStore.CardEntry known = memory.card(incident.id);
        if (known == null) {
            if (memory.cardWanted(incident.id) && !AlarmPathWarmup.isSynthetic(incident.workerId)) {
                if (incident.status.isFinished()) {
                    cardFetcher.fetchOnRead(incident.id, incident.workerId);
                } else {
                    missing.cards = true;
                }
            }
            return CardView.absent(CardStatus.PENDING);
        }
        RegistryCard card = known.card();
        if (known.status() != CardStatus.AVAILABLE || card == null) {
            return CardView.absent(known.status());
        }
        return new CardView(CardStatus.AVAILABLE, card.workingName(), card.languages(), card.callBackNumber(),
                card.mayCallBack(), card.procedure(), card.safetyNote(), card.doorApproach(), card.escapeRoute(),
                card.codeWord(),
                card.addresses() == null ? null
                        : card.addresses().stream().map(a -> new AddressView(a.label(), a.address())).toList(),
                card.contacts() == null ? null
                        : card.contacts().stream().map(c -> new ContactView(c.name(), c.number(), c.relation(), c.inform()))
                                .toList(),
                card.liaison(), card.policeFields());
    }

    /** An alarm's details as this instance holds them; pending (and to be fetched) when it has not fetched them. */
    private DetailsView details(Incident incident, IncidentAlarm alarm, Missing missing) {
        if (!alarm.hasDetails || incident.status == IncidentStatus.CLOSED) {
            return new DetailsView(DetailsStatus.NONE, null, null);
        }
        IncidentCardStore.DetailsEntry known = memory.details(alarm.alarmId);
        if (known == null) {
            if (memory.detailsWanted(alarm.alarmId) && !AlarmPathWarmup.isSynthetic(incident.workerId)) {
                if (incident.status.isFinished()) {
                    detailsFetcher.fetchOnRead(alarm.alarmId, alarm.receivedAt);
                } else {
                    missing.details = true;
                }
            }
            return new DetailsView(DetailsStatus.PENDING, null, null);
        }
        AlarmDetails details = known.details();
        if (known.status() != DetailsStatus.AVAILABLE || details == null) {
            return new DetailsView(known.status(), null, null);
        }
        AlarmDetails.Location at = details.location();
        LocationView location = at == null || !at.isComplete() ? null
                : new LocationView(at.lat(), at.lon(), at.accuracyM(), at.capturedAt());
        return new DetailsView(DetailsStatus.AVAILABLE, location, details.timerNote());
    }

    private static <T> Uni<List<T>> orNone(boolean read, java.util.function.Supplier<Uni<List<T>>> query) {
        return read ? query.get() : Uni.createFrom().item(List.of());
    }

    private static <T> Map<UUID, List<T>> group(List<T> items, Function<T, UUID> incidentOf) {
        return items.stream().collect(Collectors.groupingBy(incidentOf));
    }

    /** How fast incidents opened in the last {@code days} days were taken, against the standard's targets. */
    @WithSession
    public Uni<AcknowledgeTimes> acknowledgeTimes(int days) {
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(days));
        return incidents.acknowledgeTimes(from, to.minus(IncidentMetrics.TARGET_60S)).map(row -> {
            long counted = number(row[0]).longValue();
            long acknowledged = number(row[1]).longValue();
            long within30 = number(row[2]).longValue();
            long within60 = number(row[3]).longValue();
            return new AcknowledgeTimes(from, to, counted, acknowledged, within30, within60, percent(within30, counted),
                    percent(within60, counted), row[4] == null ? null : number(row[4]).doubleValue(),
                    row[5] == null ? null : number(row[5]).doubleValue(), AcknowledgeTimes.TARGETS);
        });
    }

    private static Number number(Object value) {
        return (Number) value;
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }
}
