package nl.alarmcentral.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.event.AlarmCancellation;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.event.DeviceEvent;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.DeviceWarning;
import nl.alarmcentral.dispatch.DeviceWarningType;
import nl.alarmcentral.dispatch.Incident;
import nl.alarmcentral.dispatch.IncidentAction;
import nl.alarmcentral.dispatch.IncidentActionType;
import nl.alarmcentral.dispatch.IncidentAlarm;
import nl.alarmcentral.dispatch.IncidentOutboxEvent;
import nl.alarmcentral.dispatch.IncidentStatus;
import nl.alarmcentral.dispatch.PinEntry;
import nl.alarmcentral.dispatch.PinEntryType;
import nl.alarmcentral.dispatch.ProcessedEvent;
import nl.alarmcentral.dispatch.client.AlarmDetails;
import nl.alarmcentral.dispatch.client.RegistryCard;
import nl.alarmcentral.dispatch.repository.DeviceWarningRepository;
import nl.alarmcentral.dispatch.repository.ErasedWorkerRepository;
import nl.alarmcentral.dispatch.repository.IncidentActionRepository;
import nl.alarmcentral.dispatch.repository.IncidentAlarmRepository;
import nl.alarmcentral.dispatch.repository.IncidentOutboxRepository;
import nl.alarmcentral.dispatch.repository.IncidentRepository;
import nl.alarmcentral.dispatch.repository.PinEntryRepository;
import nl.alarmcentral.dispatch.repository.ProcessedEventRepository;

/**
 * Writes incidents: alarms, PIN entries and device warnings joining them, the dispatch card and
 * alarms' details arriving for them (in this instance's memory, {@link IncidentCardStore}, never
 * in the database), and closing them. Every event is recorded at most once: its
 * CloudEvent id is stored in the transaction of its effect, so a redelivery changes nothing.
 * Opening or closing an incident writes its {@code incident.opened} or {@code incident.closed}
 * event to the outbox in the same transaction ({@link IncidentEventRelay} publishes it after the
 * commit). Every change marks the incident changed (its version grows) and answers with the
 * {@link IncidentChange} the caller sends to the consoles after the commit. The rules are in
 * {@code docs/incidents.md}; dispatchers' actions are in {@link IncidentActionService}.
 */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    private final IncidentRepository incidents;
    private final IncidentAlarmRepository alarms;
    private final IncidentCardStore memory;
    private final PinEntryRepository pinEntries;
    private final DeviceWarningRepository deviceWarnings;
    private final ProcessedEventRepository processedEvents;
    private final IncidentOutboxRepository outbox;
    private final ErasedWorkerRepository erasedWorkers;
    private final IncidentActionRepository actions;

    public IncidentService(IncidentRepository incidents, IncidentAlarmRepository alarms, IncidentCardStore memory,
            PinEntryRepository pinEntries, DeviceWarningRepository deviceWarnings, ProcessedEventRepository processedEvents,
            IncidentOutboxRepository outbox, ErasedWorkerRepository erasedWorkers, IncidentActionRepository actions) {
        this.incidents = incidents;
        this.alarms = alarms;
        this.memory = memory;
        this.pinEntries = pinEntries;
        this.deviceWarnings = deviceWarnings;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.erasedWorkers = erasedWorkers;
        this.actions = actions;
    }

    /**
     * Records an alarm (raised or missed check-in): it opens an incident for the worker, or joins
     * the one she has.
     *
     * @param eventId the CloudEvent id
     * @param type    the CloudEvent type
     */
    @WithTransaction
    public Uni<EventOutcome> recordAlarm(String eventId, String type, AlarmEvent event) {
        return once(eventId, type, () -> alarms.findById(event.alarmId()).flatMap(known -> {
            if (known != null) {
                // Recorded before under another event id (or before event ids were kept).
                LOG.debugf("Alarm %s was already recorded", event.alarmId());
                return Uni.createFrom().item(Effect.NONE);
            }
            Instant now = Instant.now();
            return joinOrOpen(event.workerId(), event.kind(), event.raisedAt(), now).flatMap(target -> {
                IncidentAlarm alarm = new IncidentAlarm();
                alarm.alarmId = event.alarmId();
                alarm.incidentId = target.incident().id;
                alarm.kind = event.kind();
                alarm.channel = event.channel();
                alarm.raisedAt = event.raisedAt();
                alarm.receivedAt = now;
                alarm.hasDetails = event.hasDetails();
                return alarms.persist(alarm).map(ignored -> {
                    // The warm-up's synthetic alarms are rolled back: they are not alarms to log.
                    if (!AlarmPathWarmup.isSynthetic(event.workerId())) {
                        LOG.infof("Alarm %s (%s, %s) %s an incident, %d ms after it was raised", alarm.alarmId, alarm.kind,
                                alarm.channel, target.opened() ? "opened" : "joined",
                                Duration.between(alarm.raisedAt, now).toMillis());
                    }
                    return new Effect(target.incident(), target.opened(), event.hasDetails() ? alarm.alarmId : null);
                });
            });
        }));
    }

    /**
     * Records a cancel or duress PIN entry for an alarm.
     *
     * <p>A duress is never lost: it joins the incident of its alarm if that is not finished, or
     * else the worker's active incident, or else opens one (a duress on a resolved incident would
     * be seen by nobody). A cancel only goes on an active incident: the one of its alarm, or, when
     * dispatch never saw that alarm, the worker's active incident (where it marks nothing as
     * cancelled). Whether an incident shows as cancelled follows from all its entries
     * together, so the order in which cancel and duress arrive does not matter.
     *
     * @param eventId the CloudEvent id
     * @param type    the CloudEvent type
     */
    @WithTransaction
    public Uni<EventOutcome> recordPinEntry(String eventId, String type, AlarmCancellation entry, PinEntryType pin) {
        return once(eventId, type, () -> alarms.findById(entry.alarmId())
                .flatMap(alarm -> alarm == null ? Uni.createFrom().<Incident>nullItem() : incidents.findById(alarm.incidentId))
                .flatMap(ofAlarm -> {
                    Instant now = Instant.now();
                    if (ofAlarm != null && !ofAlarm.isFinished()) {
                        return addPinEntry(eventId, entry, pin, new Target(ofAlarm, false), now);
                    }
                    if (pin == PinEntryType.DURESS) {
                        return joinOrOpen(entry.workerId(), null, entry.occurredAt(), now)
                                .flatMap(target -> addPinEntry(eventId, entry, pin, target, now));
                    }
                    if (ofAlarm != null) {
                        LOG.infof("Cancel %s of alarm %s: its incident is %s; nothing to mark", eventId,
                                entry.alarmId(), ofAlarm.status);
                        return Uni.createFrom().item(Effect.NONE);
                    }
                    return incidents.findActive(entry.workerId()).flatMap(active -> {
                        if (active == null) {
                            LOG.infof("Cancel %s of alarm %s: no such alarm and no active incident; nothing to mark",
                                    eventId, entry.alarmId());
                            return Uni.createFrom().item(Effect.NONE);
                        }
                        return addPinEntry(eventId, entry, pin, new Target(active, false), now);
                    });
                }));
    }

    /**
     * Records a warning about her button: on her active incident's timeline, or kept on its own.
     * It never opens an incident.
     *
     * @param eventId the CloudEvent id
     * @param type    the CloudEvent type
     */
    @WithTransaction
    public Uni<EventOutcome> recordDeviceWarning(String eventId, String type, DeviceEvent event, DeviceWarningType warning) {
        return once(eventId, type, () -> incidents.findActive(event.workerId()).flatMap(active -> {
            DeviceWarning stored = new DeviceWarning();
            stored.eventId = eventId;
            stored.workerId = event.workerId();
            stored.deviceId = event.deviceId();
            stored.type = warning;
            stored.incidentId = active == null ? null : active.id;
            stored.occurredAt = event.occurredAt();
            stored.receivedAt = Instant.now();
            if (active != null) {
                active.changed(stored.receivedAt);
            }
            return deviceWarnings.persist(stored).map(ignored -> {
                LOG.infof("Device warning %s (%s) %s", eventId, warning,
                        active == null ? "kept; the worker has no active incident" : "joined her incident");
                return active == null ? Effect.NONE : new Effect(active, false, null);
            });
        }));
    }

    /**
     * Stores the outcome of a card fetch in this instance's memory: the card, "she has none", or
     * "registry unreachable". Ignored when the incident has closed in the meantime (its card must
     * not come back); a card of a worker who withdrew is never kept (she has none). The incident is
     * locked first, so an erasure or a closing running at the same moment either waits for this
     * (and then drops what it put) or has committed and is seen here. A change of what this
     * instance shows writes the incident (its version grows), so that the consoles are sent it.
     *
     * @return the incident's change, or null when nothing changed
     */
    @WithTransaction
    public Uni<IncidentChange> storeCard(UUID incidentId, Optional<RegistryCard> card, boolean registryUnreachable) {
        return incidents.findLocked(incidentId).flatMap(incident -> {
            if (incident == null || incident.status == IncidentStatus.CLOSED) {
                return Uni.createFrom().<IncidentChange>nullItem();
            }
            return erasedWorkers.isErased(incident.workerId).flatMap(erased -> {
                CardStatus status = erased ? CardStatus.NONE
                        : registryUnreachable ? CardStatus.UNAVAILABLE
                        : card.isPresent() ? CardStatus.AVAILABLE : CardStatus.NONE;
                IncidentCardStore.CardEntry before = memory.card(incidentId);
                if (before != null && status == before.status() && status != CardStatus.AVAILABLE) {
                    // Another round of "still unreachable": nothing changed for the dispatcher.
                    return Uni.createFrom().<IncidentChange>nullItem();
                }
                Instant now = Instant.now();
                memory.putCard(incidentId, new IncidentCardStore.CardEntry(incident.workerId, status,
                        status == CardStatus.AVAILABLE ? card.get() : null, now));
                incident.changed(now);
                return changed(incident);
            });
        });
    }

    /**
     * Stores the outcome of fetching an alarm's details in this instance's memory. Ignored when
     * the incident has closed in the meantime (personal data must not come back), and details once
     * there are never replaced by a later failure. Details of a worker who withdrew are never kept.
     * The alarm's incident is locked first, as in {@link #storeCard}.
     *
     * @param status  what the fetch found
     * @param details the details, when {@code status} is AVAILABLE
     * @return the incident's change, or null when nothing changed
     */
    @WithTransaction
    public Uni<IncidentChange> storeDetails(UUID alarmId, DetailsStatus status, AlarmDetails details) {
        return alarms.findIncidentId(alarmId).flatMap(incidentId -> incidentId == null ? Uni.createFrom().<IncidentChange>nullItem()
                : incidents.findLocked(incidentId).flatMap(incident -> erasedWorkers.isErased(incident.workerId)
                        .flatMap(erased -> {
                            IncidentCardStore.DetailsEntry before = memory.details(alarmId);
                            if (incident.status == IncidentStatus.CLOSED
                                    || before != null && before.status() == DetailsStatus.AVAILABLE && !erased) {
                                return Uni.createFrom().<IncidentChange>nullItem();
                            }
                            DetailsStatus now = erased ? DetailsStatus.NONE : status;
                            if (before != null && now == before.status()) {
                                // Another round of "still unreachable": nothing changed for the dispatcher.
                                return Uni.createFrom().<IncidentChange>nullItem();
                            }
                            Instant at = Instant.now();
                            memory.putDetails(alarmId, new IncidentCardStore.DetailsEntry(incident.id, incident.workerId, now,
                                    now == DetailsStatus.AVAILABLE ? details : null, at));
                            incident.changed(at);
                            return changed(incident);
                        })));
    }

    /**
     * Closes an incident whatever its state (the console closes only resolved ones, through
     * {@link IncidentActionService}): see {@link #closeLocked}. Closing a closed (or unknown)
     * incident changes nothing. Call {@link IncidentCloser#announced} after it committed.
     *
     * @return the incident's change, or null when it was not closed now
     */
    @WithTransaction
    public Uni<IncidentChange> close(UUID incidentId) {
        return incidents.findLocked(incidentId).flatMap(incident -> {
            if (incident == null || incident.status == IncidentStatus.CLOSED) {
                return Uni.createFrom().<IncidentChange>nullItem();
            }
            return closeLocked(incident, null, Instant.now());
        });
    }

    /**
     * Closes an incident in the caller's transaction: status {@code CLOSED}, its dispatch card and
     * its alarms' details dropped from this instance's memory (other instances drop theirs when they
     * see it closed), a {@code CLOSED} entry on its action log, and
     * {@code incident.closed} in the outbox (with her id: the registry and alarm-service are owed the
     * event). If she withdrew meanwhile, the incident loses her id now (kept while it was open: help
     * went on). Announce the returned change after the commit
     * ({@link IncidentCloser#announced}).
     *
     * @param actor who closed it; null when it was closed automatically
     */
    public Uni<IncidentChange> closeLocked(Incident incident, String actor, Instant now) {
        incident.status = IncidentStatus.CLOSED;
        incident.closedAt = now;
        incident.changed(now);
        // Under the incident's lock: a card being stored at this moment waits, then finds it closed.
        memory.drop(incident.id);
        return Uni.createFrom().voidItem()
                .call(() -> actions.persist(IncidentAction.of(incident, IncidentActionType.CLOSED, now, actor,
                        actor == null ? IncidentAction.AUTOMATIC : null, null)))
                .call(() -> outbox.persist(IncidentOutboxEvent.of(EventTypes.INCIDENT_CLOSED, incident, now)))
                .call(() -> erasedWorkers.isErased(incident.workerId).invoke(erased -> {
                    if (erased) {
                        incident.workerId = null;
                    }
                }))
                .invoke(() -> LOG.infof("An incident was closed%s; its card and alarms' details are dropped",
                        actor == null ? " automatically" : ""))
                .flatMap(ignored -> changed(incident));
    }

    /**
     * Writes what is pending and answers with the incident's change: the version is raised only
     * when the row is written.
     */
    Uni<IncidentChange> changed(Incident incident) {
        return incidents.flush().map(ignored -> IncidentChange.of(incident));
    }

    /**
     * Runs an event's effect unless its id was processed before, and records the id in the same
     * transaction. Two deliveries racing each other cannot both commit: the second fails on the
     * primary key, and its retry finds the id.
     */
    private Uni<EventOutcome> once(String eventId, String type, Supplier<Uni<Effect>> effect) {
        return processedEvents.findById(eventId).flatMap(seen -> {
            if (seen != null) {
                LOG.debugf("Event %s was already processed", eventId);
                return Uni.createFrom().item(EventOutcome.NONE);
            }
            return effect.get()
                    .call(done -> processedEvents.persist(ProcessedEvent.of(eventId, type, Instant.now())))
                    // Written now, so that the incident's raised version is known for the consoles.
                    .call(done -> processedEvents.flush())
                    .map(Effect::outcome);
        });
    }

    /** The worker's active incident, or a new one; {@code at} counts as an alarm time. */
    private Uni<Target> joinOrOpen(String workerId, AlarmKind kind, Instant at, Instant now) {
        return incidents.findActive(workerId).flatMap(active -> {
            if (active != null) {
                if (at.isAfter(active.lastAlarmAt)) {
                    active.lastAlarmAt = at;
                }
                // Always written: an incident resolved at this very moment makes this write conflict,
                // and the retry opens a new incident instead of joining a finished one.
                active.changed(now);
                return Uni.createFrom().item(new Target(active, false));
            }
            Incident incident = new Incident();
            incident.id = UUID.randomUUID();
            incident.workerId = workerId;
            incident.status = IncidentStatus.OPEN;
            incident.kind = kind;
            incident.openedAt = now;
            incident.lastAlarmAt = at;
            incident.changedAt = now;
            return incidents.persist(incident)
                    .call(stored -> outbox.persist(IncidentOutboxEvent.of(EventTypes.INCIDENT_OPENED, stored, now)))
                    .map(stored -> new Target(stored, true));
        });
    }

    private Uni<Effect> addPinEntry(String eventId, AlarmCancellation entry, PinEntryType pin, Target target,
            Instant now) {
        Incident incident = target.incident();
        if (pin == PinEntryType.DURESS && entry.occurredAt().isAfter(incident.lastAlarmAt)) {
            incident.lastAlarmAt = entry.occurredAt();
        }
        incident.changed(now);
        PinEntry stored = new PinEntry();
        stored.eventId = eventId;
        stored.incidentId = incident.id;
        stored.alarmId = entry.alarmId();
        stored.type = pin;
        stored.occurredAt = entry.occurredAt();
        stored.receivedAt = now;
        return pinEntries.persist(stored).map(ignored -> {
            if (pin == PinEntryType.DURESS) {
                LOG.infof("Duress %s for alarm %s %s an incident: top priority", eventId, entry.alarmId(),
                        target.opened() ? "opened" : "joined");
            } else {
                LOG.infof("Cancel %s for alarm %s joined its incident", eventId, entry.alarmId());
            }
            return new Effect(incident, target.opened(), null);
        });
    }

    /** The incident an event goes on, and whether the event opened it. */
    private record Target(Incident incident, boolean opened) {
    }

    /**
     * What an event did inside its transaction: the incident it changed (or null), whether it
     * opened it, and the alarm whose details must be fetched.
     */
    private record Effect(Incident incident, boolean opened, UUID detailsOf) {

        static final Effect NONE = new Effect(null, false, null);

        /** Read after the flush: the incident's version is raised by then. */
        EventOutcome outcome() {
            return incident == null ? EventOutcome.NONE
                    : new EventOutcome(incident.id, incident.workerId, opened, detailsOf,
                            opened ? IncidentChange.opening(incident) : IncidentChange.of(incident));
        }
    }
}
