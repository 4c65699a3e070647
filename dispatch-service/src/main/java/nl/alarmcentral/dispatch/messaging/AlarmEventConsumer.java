package nl.alarmcentral.dispatch.messaging;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.EventTypes;
import nl.alarmcentral.dispatch.service.CardFetcher;
import nl.alarmcentral.dispatch.service.IncidentService;

/**
 * Consumes {@code alarm.events}: every alarm becomes (part of) an incident.
 *
 * <p>Failure strategy: an event that can never be processed (unreadable, unknown type) goes to
 * the dead-letter topic at once; a passing failure (the database restarting) is retried with
 * back-off for about two minutes before the event is dead-lettered, so that no alarm is dropped
 * silently and none blocks the others for long. Redeliveries are harmless: the alarm id is the key.
 */
@ApplicationScoped
public class AlarmEventConsumer {

    private static final Logger LOG = Logger.getLogger(AlarmEventConsumer.class);

    private final IncidentService incidents;
    private final CardFetcher cards;

    public AlarmEventConsumer(IncidentService incidents, CardFetcher cards) {
        this.incidents = incidents;
        this.cards = cards;
    }

    @Incoming("alarm-events")
    public Uni<Void> consume(Message<AlarmEvent> message) {
        Optional<String> type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType);
        AlarmEvent event = message.getPayload();
        if (event == null || type.isEmpty() || !EventTypes.ALARM_RAISED.equals(type.get()) || !isComplete(event)) {
            LOG.warnf("Unprocessable event on alarm.events (type %s); dead-lettered", type.orElse("none"));
            return Uni.createFrom().completionStage(message.nack(new UnprocessableEventException(type.orElse("none"))));
        }
        return incidents.recordAlarm(event)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(30)
                .invoke(outcome -> {
                    if (outcome.newIncident()) {
                        cards.fetchSoon(outcome.incidentId(), outcome.workerId());
                    }
                })
                .onItemOrFailure().transformToUni((outcome, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(failure)));
    }

    private static boolean isComplete(AlarmEvent event) {
        return event.alarmId() != null && event.workerId() != null && event.kind() != null && event.channel() != null
                && event.raisedAt() != null;
    }

    /** An event that no retry can make processable. */
    static class UnprocessableEventException extends RuntimeException {
        UnprocessableEventException(String type) {
            super("Unprocessable event of type " + type);
        }
    }
}
