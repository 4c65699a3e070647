package nl.alarmcentral.alarm.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.Alarm;
import nl.alarmcentral.alarm.config.AlarmConfig;
import nl.alarmcentral.alarm.messaging.AlarmEventPublisher;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmEvent;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;

/**
 * Turns a press into a durable alarm event. A request is answered only after the broker has the
 * event; a repeat of the same press (same client reference) returns the same alarm and sends
 * nothing new. If the broker cannot be reached in time, nothing is stored and the client gets a
 * 503 to retry: never a silent drop, never a false "sent".
 */
@ApplicationScoped
public class AlarmService {

    private static final Logger LOG = Logger.getLogger(AlarmService.class);

    private final AlarmRepository alarms;
    private final AlarmEventPublisher publisher;
    private final AlarmConfig config;
    private final AlarmMetrics metrics;

    public AlarmService(AlarmRepository alarms, AlarmEventPublisher publisher, AlarmConfig config, AlarmMetrics metrics) {
        this.alarms = alarms;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Raises an alarm and waits until it is durable.
     *
     * @param clientRef the caller's reference for this press (or timer expiry), reused on retries
     * @param location  where she was, or null
     * @return the accepted alarm (the earlier one, for a repeated press)
     */
    @WithTransaction
    public Uni<Alarm> raise(String workerId, AlarmKind kind, AlarmChannel channel, UUID clientRef, Location location) {
        return raise(workerId, kind, channel, clientRef, location, false);
    }

    /**
     * Raises an alarm that has details kept elsewhere in this service (a safety timer's note), so
     * that its event says dispatch has details to fetch.
     *
     * @param otherDetails whether details besides the position exist for this alarm
     */
    @WithTransaction
    public Uni<Alarm> raise(String workerId, AlarmKind kind, AlarmChannel channel, UUID clientRef, Location location,
            boolean otherDetails) {
        Alarm candidate = new Alarm();
        candidate.alarmId = AlarmIds.of(workerId, clientRef);
        candidate.workerId = workerId;
        candidate.clientRef = clientRef;
        candidate.kind = kind;
        candidate.channel = channel;
        candidate.raisedAt = Instant.now();
        if (location != null) {
            candidate.latitude = location.lat();
            candidate.longitude = location.lon();
            candidate.accuracyM = location.accuracyM();
            candidate.locationCapturedAt = location.capturedAt();
        }
        return alarms.insertIfAbsentAndLock(candidate).flatMap(alarm -> {
            if (alarm.publishedAt != null) {
                LOG.debugf("Alarm %s repeated; already durable", alarm.alarmId);
                return Uni.createFrom().item(alarm);
            }
            AlarmEvent event = new AlarmEvent(alarm.alarmId, alarm.workerId, alarm.kind, alarm.channel, alarm.raisedAt,
                    alarm.hasDetails() || otherDetails);
            Uni<Void> publish = alarm.kind == AlarmKind.CHECKIN_MISSED ? publisher.checkinMissed(event) : publisher.raised(event);
            return publish
                    .ifNoItem().after(config.publishTimeout()).fail()
                    .onFailure().transform(e -> {
                        metrics.notDurable();
                        return ProblemException.unavailable(
                                "The alarm could not be made durable. Retry with the same clientRef, or call 112.",
                                config.retryAfter(), e);
                    })
                    .invoke(() -> {
                        alarm.publishedAt = Instant.now();
                        metrics.received(alarm.channel, alarm.kind);
                        LOG.infof("Alarm %s accepted (kind %s, channel %s)", alarm.alarmId, alarm.kind, alarm.channel);
                    })
                    .replaceWith(alarm);
        });
    }
}
