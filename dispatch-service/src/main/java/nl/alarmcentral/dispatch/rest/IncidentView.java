package nl.alarmcentral.dispatch.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.DetailsStatus;
import nl.alarmcentral.dispatch.FollowUp;
import nl.alarmcentral.dispatch.HelpKind;
import nl.alarmcentral.dispatch.IncidentCategory;
import nl.alarmcentral.dispatch.IncidentOutcome;
import nl.alarmcentral.dispatch.IncidentPriority;
import nl.alarmcentral.dispatch.IncidentStatus;

/**
 * An incident as a dispatcher sees it: the answer of {@code GET /api/incidents/{id}} and of every
 * action. How each event and action shapes it: {@code docs/incidents.md}.
 *
 * @param id                the incident
 * @param version           grows with every change; a console keeps the newest it has seen
 * @param status            where it stands; a cancel by the worker does not change it
 * @param kind              kind of the alarm that opened it; null when a duress opened it
 * @param priority          how urgent it is: {@code DURESS} above everything else
 * @param duress            whether she entered her duress PIN: she needs help now, whatever else happened
 * @param cancelledByWorker whether she cancelled every alarm of it with her PIN (never true with a duress);
 *                          the dispatcher still follows her procedure, for example a call back, before closing
 * @param cancelledAt       when the last of those cancels was entered, when {@code cancelledByWorker}
 * @param silent            do not call back unless her procedure allows it: a silent alarm or a duress
 *                          is part of it, so someone with her must not learn the central knows
 * @param escalated         whether nobody took it within dispatch.escalate-after
 * @param escalatedAt       when it was escalated
 * @param openedAt          when it was opened
 * @param lastAlarmAt       when the latest alarm (or duress) was raised
 * @param acknowledgedAt    when a dispatcher took it
 * @param acknowledgedBy    who took it
 * @param helpSent          the help sent, oldest first
 * @param outcome           the outcome recorded when it was resolved
 * @param categories        the kinds of violence recorded when it was resolved
 * @param followUp          the follow-up she chose, recorded when it was resolved
 * @param resolvedAt        when it was resolved
 * @param closedAt          when it was closed
 * @param alarms            its alarms, oldest first
 * @param timeline          everything that happened, oldest first: alarms, PIN entries, device warnings, actions
 * @param card              what the worker agreed to share, and whether it is there yet
 */
public record IncidentView(UUID id, long version, IncidentStatus status, AlarmKind kind, IncidentPriority priority,
        boolean duress, boolean cancelledByWorker, Instant cancelledAt, boolean silent, boolean escalated,
        Instant escalatedAt, Instant openedAt, Instant lastAlarmAt, Instant acknowledgedAt, String acknowledgedBy,
        List<HelpSentView> helpSent, IncidentOutcome outcome, List<IncidentCategory> categories, FollowUp followUp,
        Instant resolvedAt, Instant closedAt, List<AlarmView> alarms, List<TimelineEntry> timeline, CardView card) {

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
     * Help a dispatcher sent.
     *
     * @param kind      who was sent
     * @param reference the dispatcher's reference (for example a police incident number), or null
     * @param at        when
     * @param by        who sent it
     */
    public record HelpSentView(HelpKind kind, String reference, Instant at, String by) {
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
        DEVICE_BATTERY_LOW,
        /** A dispatcher took the incident. */
        ACKNOWLEDGED,
        /** A dispatcher's note ({@code text}). */
        NOTE,
        /** A dispatcher tried to reach someone ({@code detail} TARGET:RESULT, {@code text} the note). */
        CONTACT_ATTEMPT,
        /** A dispatcher sent help ({@code detail} the kind, {@code text} the reference). */
        HELP_SENT,
        /** A dispatcher resolved it ({@code detail} the outcome). */
        RESOLVED,
        /** It was closed ({@code detail} AUTOMATIC when nobody closed it by hand). */
        CLOSED,
        /** Nobody took it within dispatch.escalate-after. */
        ESCALATED
    }

    /**
     * One thing that happened on the incident.
     *
     * @param type     what happened
     * @param at       when it happened (raised, PIN entered, warning noticed, action taken)
     * @param alarmId  the alarm it is (ALARM) or concerns (CANCELLED, DURESS); null otherwise
     * @param kind     the alarm's kind (ALARM only)
     * @param channel  how the alarm came in (ALARM only)
     * @param deviceId the button (device warnings only)
     * @param details  the alarm's claim-checked details and whether they are there (ALARM only)
     * @param by       who did it (actions by a dispatcher only)
     * @param detail   a code saying more about an action (see {@link EntryType})
     * @param text     what the dispatcher typed (NOTE, CONTACT_ATTEMPT, HELP_SENT), when anything
     */
    public record TimelineEntry(EntryType type, Instant at, UUID alarmId, AlarmKind kind, AlarmChannel channel,
            String deviceId, DetailsView details, String by, String detail, String text) {
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
     * The worker's dispatch card: each field only when she consented to share it and it is set
     * (absent keys, not nulls).
     *
     * @param status         whether the card is there, missing, or being retried
     * @param workingName    the name to address her by
     * @param languages      ISO 639-1 codes of the languages she speaks
     * @param callBackNumber where to call her back
     * @param mayCallBack    whether she may be called back
     * @param procedure      what to do when she presses, in order
     * @param safetyNote     her safety note
     * @param doorApproach   how to approach the door
     * @param escapeRoute    her way out
     * @param codeWord       her code word
     * @param addresses      her addresses
     * @param contacts       her trusted contacts
     * @param liaison        her liaison preference
     * @param policeFields   which of these fields may be passed to police when help is sent
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CardView(CardStatus status, String workingName, List<String> languages, String callBackNumber,
            Boolean mayCallBack, List<String> procedure, String safetyNote, String doorApproach, String escapeRoute,
            String codeWord, List<AddressView> addresses, List<ContactView> contacts, String liaison,
            List<String> policeFields) {

        /** A card that is not (or no longer) there: only its status. */
        public static CardView absent(CardStatus status) {
            return new CardView(status, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * One of her addresses.
     *
     * @param label   HOME, WORK or OTHER
     * @param address the address
     */
    public record AddressView(String label, String address) {
    }

    /**
     * One of her trusted contacts.
     *
     * @param name     how she named them
     * @param number   their phone number
     * @param relation who they are to her, or null
     * @param inform   whether to inform them when she raises an alarm
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactView(String name, String number, String relation, Boolean inform) {
    }
}
