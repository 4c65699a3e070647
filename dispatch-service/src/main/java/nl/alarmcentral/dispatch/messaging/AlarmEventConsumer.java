package nl.alarmcentral.dispatch.messaging;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.contract.event.Topics;
import nl.alarmcentral.contract.messaging.EventProcessing;
import nl.alarmcentral.contract.messaging.UnprocessableEventException;
import nl.alarmcentral.dispatch.DeviceWarningType;
import nl.alarmcentral.dispatch.PinEntryType;
import nl.alarmcentral.dispatch.service.CardFetcher;
import nl.alarmcentral.dispatch.service.DetailsFetcher;
import nl.alarmcentral.dispatch.service.EventOutcome;
import nl.alarmcentral.dispatch.service.IncidentEventRelay;
import nl.alarmcentral.dispatch.service.IncidentService;

/**
 * Consumes {@code alarm.events}: alarms, missed check-ins, cancel and duress PIN entries, and
 * device warnings, each changing the worker's incident as {@code docs/incidents.md} describes.
 *
 * <p>Payloads arrive as text and are read per CloudEvent type ({@link AlarmEventReader}), because
 * the types carry different records.
 *
 * <p>Failure strategy ({@link EventProcessing}): an event that can never be processed (unknown
 * type, unreadable payload, a required field missing) goes to the dead-letter topic at once; a
 * passing failure (the database away) is waited out however long it lasts, and work resumes by
 * itself when it ends; any other failure is retried for a while, then dead-lettered (and
 * alerted on: docs/reliability.md). Redeliveries are harmless: every CloudEvent id is recorded with
 * its effect.
 */
@ApplicationScoped
public class AlarmEventConsumer {

    private static final Logger LOG = Logger.getLogger(AlarmEventConsumer.class);

    /** Longest CloudEvent id the database holds. */
    private static final int MAX_EVENT_ID_LENGTH = 200;

    private final AlarmEventReader reader;
    private final IncidentService incidents;
    private final IncidentEventRelay incidentEvents;
    private final DetailsFetcher details;
    private final CardFetcher cards;
    private final IncidentChangePublisher changes;
    private final EventProcessing processing;
    private final Counter deadLettered;

    public AlarmEventConsumer(AlarmEventReader reader, IncidentService incidents, IncidentEventRelay incidentEvents,
            DetailsFetcher details, CardFetcher cards, IncidentChangePublisher changes, EventProcessing processing,
            MeterRegistry registry) {
        this.cards = cards;
        this.changes = changes;
        this.processing = processing;
        this.deadLettered = Counter.builder("alarmcentral.events.dead.lettered").tag("topic", Topics.ALARM_EVENTS)
                .description("Events sent to the dead-letter topic after they could not be processed").register(registry);
        this.reader = reader;
        this.incidents = incidents;
        this.incidentEvents = incidentEvents;
        this.details = details;
    }

    @Incoming("alarm-events")
    public Uni<Void> consume(Message<String> message) {
        Optional<IncomingCloudEventMetadata<?>> cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(metadata -> (IncomingCloudEventMetadata<?>) metadata);
        String type = cloudEvent.map(IncomingCloudEventMetadata::getType).orElse("none");
        if (EventTypes.PATH_REHEARSAL.equals(type)) {
            // alarm-service warming its producer at start: nothing to record, nothing to dead-letter.
            return Uni.createFrom().completionStage(message.ack());
        }
        Supplier<Uni<EventOutcome>> work;
        try {
            String id = cloudEvent.map(IncomingCloudEventMetadata::getId)
                    .filter(value -> !value.isBlank() && value.length() <= MAX_EVENT_ID_LENGTH)
                    .orElseThrow(() -> new UnprocessableEventException("Event of type " + type + " has no usable id"));
            work = workFor(type, id, message.getPayload());
        } catch (UnprocessableEventException e) {
            LOG.warnf("Unprocessable event on alarm.events: %s; dead-lettered", e.getMessage());
            return deadLetter(message, e);
        }
        return processing.untilDone(message, work, EventProcessing.Patience.UNTIL_GIVEN_UP)
                .invoke(outcome -> {
                    changes.changed(outcome.change());
                    if (outcome.newIncident()) {
                        // incident.opened first; once the broker has it, the card is fetched.
                        cards.opened(outcome.incidentId());
                        incidentEvents.publishSoon(outcome.incidentId());
                    }
                    if (outcome.detailsOf() != null) {
                        details.fetchSoon(outcome.detailsOf());
                    }
                })
                .onItemOrFailure().transformToUni((outcome, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : deadLetterAfterRetries(message, type, failure));
    }

    private Uni<Void> deadLetterAfterRetries(Message<?> message, String type, Throwable failure) {
        LOG.errorf("An event of type %s on alarm.events kept failing (%s); dead-lettered: re-drive it once the cause is"
                + " fixed (docs/reliability.md)", type, failure.getClass().getName());
        return deadLetter(message, failure);
    }

    /** Reads the payload for its type; the returned work records it. */
    private Supplier<Uni<EventOutcome>> workFor(String type, String id, String payload) {
        switch (type) {
            case EventTypes.ALARM_RAISED, EventTypes.CHECKIN_MISSED -> {
                var event = reader.alarm(type, payload);
                return () -> incidents.recordAlarm(id, type, event);
            }
            case EventTypes.ALARM_CANCELLED, EventTypes.ALARM_DURESS -> {
                var event = reader.cancellation(type, payload);
                PinEntryType pin = EventTypes.ALARM_DURESS.equals(type) ? PinEntryType.DURESS : PinEntryType.CANCEL;
                return () -> incidents.recordPinEntry(id, type, event, pin);
            }
            case EventTypes.DEVICE_OFFLINE, EventTypes.DEVICE_BATTERY_LOW -> {
                var event = reader.deviceWarning(type, payload);
                DeviceWarningType warning = EventTypes.DEVICE_OFFLINE.equals(type) ? DeviceWarningType.OFFLINE
                        : DeviceWarningType.BATTERY_LOW;
                return () -> incidents.recordDeviceWarning(id, type, event, warning);
            }
            default -> throw new UnprocessableEventException("Unknown event type " + type);
        }
    }

    /** Sends the event to the dead-letter topic (the failure strategy) and counts it. */
    private Uni<Void> deadLetter(Message<?> message, Throwable reason) {
        deadLettered.increment();
        return Uni.createFrom().completionStage(message.nack(reason));
    }
}
