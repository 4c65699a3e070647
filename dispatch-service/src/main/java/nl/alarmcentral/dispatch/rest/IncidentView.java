package nl.alarmcentral.dispatch.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.IncidentPriority;
import nl.alarmcentral.dispatch.IncidentStatus;

/**
 * An incident as a dispatcher sees it. How each event shapes it: {@code docs/incidents.md}.
 *
 * @param id                the incident
 * @param status            where it stands; a cancel by the worker does not change it
 * @param kind              kind of the alarm that opened it; null when a duress opened it
 * @param priority          how urgent it is: {@code DURESS} above everything else
 * @param duress            whether she entered her duress PIN: she needs help now, whatever else happened
 * @param cancelledByWorker whether she cancelled every alarm of it with her PIN (never true with a duress);
 *                          the dispatcher still follows her procedure, for example a call back, before closing
 * @param cancelledAt       when the last of those cancels was entered, when {@code cancelledByWorker}
 * @param silent            do not call back unless her procedure allows it: a silent alarm or a duress
 *                          is part of it, so someone with her must not learn the central knows
 * @param openedAt          when it was opened
 * @param lastAlarmAt       when the latest alarm (or duress) was raised
 * @param alarms            its alarms, oldest first
 * @param timeline          everything that happened, oldest first: alarms, PIN entries, device warnings
 * @param card              what the worker agreed to share, and whether it is there yet
 */
public record IncidentView(UUID id, IncidentStatus status, AlarmKind kind, IncidentPriority priority, boolean duress,
        boolean cancelledByWorker, Instant cancelledAt, boolean silent, Instant openedAt, Instant lastAlarmAt,
        List<AlarmView> alarms, List<TimelineEntry> timeline, CardView card) {

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

    /** What a timeline entry records. */
    public enum EntryType {
        /** An alarm: raised in the app or on her button, or a missed check-in (see its kind). */
        ALARM,
        /** She entered her cancel PIN for an alarm. Not listed on an incident with a duress. */
        CANCELLED,
        /** She entered her duress PIN: it looked like a cancel to anyone watching. */
        DURESS,
        /** Her button stopped sending heartbeats. */
        DEVICE_OFFLINE,
        /** Her button's battery is low. */
        DEVICE_BATTERY_LOW
    }

    /**
     * One thing that happened on the incident.
     *
     * @param type     what happened
     * @param at       when it happened (raised, PIN entered, warning noticed)
     * @param alarmId  the alarm it is (ALARM) or concerns (CANCELLED, DURESS); null for device warnings
     * @param kind     the alarm's kind (ALARM only)
     * @param channel  how the alarm came in (ALARM only)
     * @param deviceId the button (device warnings only)
     * @param details  the alarm's claim-checked details and whether they are there (ALARM only)
     */
    public record TimelineEntry(EntryType type, Instant at, UUID alarmId, AlarmKind kind, AlarmChannel channel,
            String deviceId, DetailsView details) {
    }

    /**
     * What alarm-service holds about an alarm besides the event: personal data, shown only with
     * the incident.
     *
     * @param status    whether the details are there, none exist, or they are being retried
     * @param location  where her phone or button was, when available and sent
     * @param timerNote the note she left with her safety timer, when available and set
     */
    public record DetailsView(DetailsStatus status, LocationView location, String timerNote) {
    }

    /**
     * A position.
     *
     * @param lat        latitude, degrees
     * @param lon        longitude, degrees
     * @param accuracyM  uncertainty radius in metres, or null
     * @param capturedAt when it was measured, or null
     */
    public record LocationView(double lat, double lon, Double accuracyM, Instant capturedAt) {
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
