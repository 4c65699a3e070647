package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentCard;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.client.RegistryCard;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;
import nl.alarmcentral.dispatch.repository.IncidentCardRepository;
import nl.alarmcentral.dispatch.repository.IncidentRepository;

/** Writes incidents: alarms joining them, and the dispatch card arriving for them. */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    private final IncidentRepository incidents;
    private final IncidentAlarmRepository alarms;
    private final IncidentCardRepository cards;

    public IncidentService(IncidentRepository incidents, IncidentAlarmRepository alarms, IncidentCardRepository cards) {
        this.incidents = incidents;
        this.alarms = alarms;
        this.cards = cards;
    }

    /**
     * Records an alarm: it opens an incident for the worker, or joins the one she has. Recording
     * the same alarm twice changes nothing (the alarm id is the key).
     */
    @WithTransaction
    public Uni<AlarmOutcome> recordAlarm(AlarmEvent event) {
        return alarms.findById(event.alarmId()).flatMap(known -> {
            if (known != null) {
                LOG.debugf("Alarm %s was already recorded", event.alarmId());
                return Uni.createFrom().item(new AlarmOutcome(known.incidentId, event.workerId(), false, true));
            }
            return incidents.findActive(event.workerId()).flatMap(active -> {
                Instant now = Instant.now();
                Incident incident = active;
                if (incident == null) {
                    incident = new Incident();
                    incident.id = UUID.randomUUID();
                    incident.workerId = event.workerId();
                    incident.status = IncidentStatus.OPEN;
                    incident.kind = event.kind();
                    incident.openedAt = now;
                    incident.lastAlarmAt = event.raisedAt();
                    incident.cardStatus = CardStatus.PENDING;
                } else if (event.raisedAt().isAfter(incident.lastAlarmAt)) {
                    incident.lastAlarmAt = event.raisedAt();
                }
                IncidentAlarm alarm = new IncidentAlarm();
                alarm.alarmId = event.alarmId();
                alarm.kind = event.kind();
                alarm.channel = event.channel();
                alarm.raisedAt = event.raisedAt();
                alarm.receivedAt = now;
                alarm.incidentId = incident.id;
                Incident target = incident;
                Uni<Incident> stored = active == null ? incidents.persist(incident) : Uni.createFrom().item(incident);
                return stored.flatMap(i -> alarms.persist(alarm)).map(ignored -> {
                    LOG.infof("Alarm %s %s incident %s, %d ms after it was raised", alarm.alarmId,
                            active == null ? "opened" : "joined", target.id, Duration.between(alarm.raisedAt, now).toMillis());
                    return new AlarmOutcome(target.id, target.workerId, active == null, false);
                });
            });
        });
    }

    /**
     * Stores the outcome of a card fetch: the card, "she has none", or "registry unreachable".
     * Ignored when the incident has closed in the meantime (its card must not come back).
     */
    @WithTransaction
    public Uni<Void> storeCard(UUID incidentId, Optional<RegistryCard> card, boolean registryUnreachable) {
        return incidents.findById(incidentId).flatMap(incident -> {
            if (incident == null || incident.status == IncidentStatus.CLOSED) {
                return Uni.createFrom().voidItem();
            }
            if (registryUnreachable) {
                incident.cardStatus = CardStatus.UNAVAILABLE;
                return Uni.createFrom().voidItem();
            }
            if (card.isEmpty()) {
                incident.cardStatus = CardStatus.NONE;
                return Uni.createFrom().voidItem();
            }
            incident.cardStatus = CardStatus.AVAILABLE;
            return cards.findById(incidentId).flatMap(existing -> {
                IncidentCard stored = existing != null ? existing : new IncidentCard();
                stored.incidentId = incidentId;
                stored.workingName = card.get().workingName();
                stored.safetyNote = card.get().safetyNote();
                stored.fetchedAt = Instant.now();
                return existing != null ? Uni.createFrom().voidItem() : cards.persist(stored).replaceWithVoid();
            });
        });
    }
}
