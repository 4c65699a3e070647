package nl.alarmcentral.dispatch.service;

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
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentAlarmDetails;
import nl.alarmcentral.dispatch.IncidentCard;
import nl.alarmcentral.dispatch.IncidentPriority;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.PinEntry;
import nl.alarmcentral.dispatch.PinEntryType;
import nl.alarmcentral.dispatch.repository.DeviceWarningRepository;
import nl.alarmcentral.dispatch.repository.IncidentAlarmDetailsRepository;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;
import nl.alarmcentral.dispatch.repository.IncidentCardRepository;
import nl.alarmcentral.dispatch.repository.IncidentRepository;
import nl.alarmcentral.dispatch.repository.PinEntryRepository;
import nl.alarmcentral.dispatch.rest.IncidentView;
import nl.alarmcentral.dispatch.rest.IncidentView.DetailsView;
import nl.alarmcentral.dispatch.rest.IncidentView.EntryType;
import nl.alarmcentral.dispatch.rest.IncidentView.LocationView;
import nl.alarmcentral.dispatch.rest.IncidentView.TimelineEntry;

/**
 * Reads incidents with everything on their timelines (and alarms' details), as dispatchers see them. Priority, duress,
 * cancelled and silent are derived here from the recorded facts, so they never depend on the
 * order in which events arrived.
 */
@ApplicationScoped
public class IncidentQueryService {

    /** Duress first, then oldest first. */
    private static final Comparator<IncidentView> LIST_ORDER = Comparator.comparing(IncidentView::priority)
            .thenComparing(IncidentView::openedAt);

    private final IncidentRepository incidents;
    private final IncidentAlarmRepository alarms;
    private final IncidentCardRepository cards;
    private final PinEntryRepository pinEntries;
    private final DeviceWarningRepository deviceWarnings;
    private final IncidentAlarmDetailsRepository alarmDetails;

    public IncidentQueryService(IncidentRepository incidents, IncidentAlarmRepository alarms, IncidentCardRepository cards,
            PinEntryRepository pinEntries, DeviceWarningRepository deviceWarnings, IncidentAlarmDetailsRepository alarmDetails) {
        this.incidents = incidents;
        this.alarms = alarms;
        this.cards = cards;
        this.pinEntries = pinEntries;
        this.deviceWarnings = deviceWarnings;
        this.alarmDetails = alarmDetails;
    }

    /** Incidents in the given states: duress first, then oldest first. */
    @WithSession
    public Uni<List<IncidentView>> list(Collection<IncidentStatus> statuses) {
        return incidents.listByStatus(statuses).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(List.<IncidentView>of());
            }
            List<UUID> ids = found.stream().map(i -> i.id).toList();
            // One after the other: a reactive session runs one query at a time.
            return alarms.listForIncidents(ids).flatMap(alarmList -> cards.listForIncidents(ids).flatMap(cardList -> pinEntries
                    .listForIncidents(ids).flatMap(pinList -> deviceWarnings.listForIncidents(ids).flatMap(warningList -> alarmDetails
                    .listForIncidents(ids).map(detailsList -> {
                        Map<UUID, List<IncidentAlarm>> alarmsOf = group(alarmList, a -> a.incidentId);
                        Map<UUID, List<PinEntry>> pinsOf = group(pinList, p -> p.incidentId);
                        Map<UUID, List<DeviceWarning>> warningsOf = group(warningList, w -> w.incidentId);
                        Map<UUID, IncidentCard> cardOf = cardList.stream()
                                .collect(Collectors.toMap(c -> c.incidentId, Function.identity()));
                        Map<UUID, IncidentAlarmDetails> detailsOf = detailsList.stream()
                                .collect(Collectors.toMap(d -> d.alarmId, Function.identity()));
                        return found.stream()
                                .map(i -> view(i, alarmsOf.getOrDefault(i.id, List.of()), pinsOf.getOrDefault(i.id, List.of()),
                                        warningsOf.getOrDefault(i.id, List.of()), cardOf.get(i.id), detailsOf))
                                .sorted(LIST_ORDER)
                                .toList();
                    })))));
        });
    }

    private static IncidentView view(Incident incident, List<IncidentAlarm> alarms, List<PinEntry> pins,
            List<DeviceWarning> warnings, IncidentCard card, Map<UUID, IncidentAlarmDetails> detailsOf) {
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
                details(a, detailsOf.get(a.alarmId)))));
        pins.stream()
                // A duress must never look cancelled: its cancels stay in the database, not in the view.
                .filter(p -> !duress || p.type == PinEntryType.DURESS)
                .forEach(p -> timeline.add(new TimelineEntry(p.type == PinEntryType.DURESS ? EntryType.DURESS : EntryType.CANCELLED,
                        p.occurredAt, p.alarmId, null, null, null, null)));
        warnings.forEach(w -> timeline.add(new TimelineEntry(w.type == DeviceWarningType.OFFLINE ? EntryType.DEVICE_OFFLINE
                : EntryType.DEVICE_BATTERY_LOW, w.occurredAt, null, null, null, w.deviceId, null)));
        timeline.sort(Comparator.comparing(TimelineEntry::at));

        IncidentView.CardView cardView = card != null && incident.cardStatus == CardStatus.AVAILABLE
                ? new IncidentView.CardView(CardStatus.AVAILABLE, card.workingName, card.safetyNote)
                : new IncidentView.CardView(incident.cardStatus, null, null);
        return new IncidentView(incident.id, incident.status, incident.kind,
                duress ? IncidentPriority.DURESS : IncidentPriority.ALARM, duress, cancelledByWorker, cancelledAt, silent,
                incident.openedAt, incident.lastAlarmAt,
                alarms.stream().map(a -> new IncidentView.AlarmView(a.alarmId, a.kind, a.channel, a.raisedAt)).toList(),
                timeline, cardView);
    }

    private static DetailsView details(IncidentAlarm alarm, IncidentAlarmDetails details) {
        if (alarm.detailsStatus != DetailsStatus.AVAILABLE || details == null) {
            return new DetailsView(alarm.detailsStatus, null, null);
        }
        LocationView location = details.latitude == null || details.longitude == null ? null
                : new LocationView(details.latitude, details.longitude, details.accuracyM, details.locationCapturedAt);
        return new DetailsView(DetailsStatus.AVAILABLE, location, details.timerNote);
    }

    private static <T> Map<UUID, List<T>> group(List<T> items, Function<T, UUID> incidentOf) {
        return items.stream().collect(Collectors.groupingBy(incidentOf));
    }
}
