package nl.alarmcentral.dispatch.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.IncidentStatus;

/**
 * An incident as a dispatcher sees it.
 *
 * @param id          the incident
 * @param status      where it stands
 * @param kind        kind of the alarm that opened it
 * @param openedAt    when it was opened
 * @param lastAlarmAt when the latest alarm was raised
 * @param alarms      its alarms, oldest first
 * @param card        what the worker agreed to share, and whether it is there yet
 */
public record IncidentView(UUID id, IncidentStatus status, AlarmKind kind, Instant openedAt, Instant lastAlarmAt,
        List<AlarmView> alarms, CardView card) {

    /**
     * One alarm of the incident.
     *
     * @param alarmId  the alarm
     * @param kind     its kind
     * @param channel  how it came in
     * @param raisedAt when the central accepted it
     */
    public record AlarmView(UUID alarmId, AlarmKind kind, AlarmChannel channel, Instant raisedAt) {
    }

    /**
     * The worker's dispatch card.
     *
     * @param status      whether the card is there, missing, or being retried
     * @param workingName the name to address her by, when available
     * @param safetyNote  her safety note, when available and set
     */
    public record CardView(CardStatus status, String workingName, String safetyNote) {
    }
}
