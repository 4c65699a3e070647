package nl.alarmcentral.dispatch.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentCard;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;
import nl.alarmcentral.dispatch.repository.IncidentCardRepository;
import nl.alarmcentral.dispatch.repository.IncidentRepository;
import nl.alarmcentral.dispatch.rest.IncidentView;

/** Reads incidents with their alarms and cards, as dispatchers see them. */
@ApplicationScoped
public class IncidentQueryService {

    private final IncidentRepository incidents;
    private final IncidentAlarmRepository alarms;
    private final IncidentCardRepository cards;

    public IncidentQueryService(IncidentRepository incidents, IncidentAlarmRepository alarms, IncidentCardRepository cards) {
        this.incidents = incidents;
        this.alarms = alarms;
        this.cards = cards;
    }

    @WithSession
    public Uni<List<IncidentView>> list(Collection<IncidentStatus> statuses) {
        return incidents.listByStatus(statuses).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(List.<IncidentView>of());
            }
            List<UUID> ids = found.stream().map(i -> i.id).toList();
            return alarms.listForIncidents(ids).flatMap(alarmList -> cards.listForIncidents(ids).map(cardList -> {
                Map<UUID, List<IncidentAlarm>> alarmsByIncident = alarmList.stream()
                        .collect(Collectors.groupingBy(a -> a.incidentId));
                Map<UUID, IncidentCard> cardByIncident = cardList.stream()
                        .collect(Collectors.toMap(c -> c.incidentId, Function.identity()));
                return found.stream().map(i -> view(i, alarmsByIncident.getOrDefault(i.id, List.of()), cardByIncident.get(i.id)))
                        .toList();
            }));
        });
    }

    private static IncidentView view(Incident incident, List<IncidentAlarm> alarms, IncidentCard card) {
        IncidentView.CardView cardView = card != null && incident.cardStatus == CardStatus.AVAILABLE
                ? new IncidentView.CardView(CardStatus.AVAILABLE, card.workingName, card.safetyNote)
                : new IncidentView.CardView(incident.cardStatus, null, null);
        return new IncidentView(incident.id, incident.status, incident.kind, incident.openedAt, incident.lastAlarmAt,
                alarms.stream().map(a -> new IncidentView.AlarmView(a.alarmId, a.kind, a.channel, a.raisedAt)).toList(),
                cardView);
    }
}
