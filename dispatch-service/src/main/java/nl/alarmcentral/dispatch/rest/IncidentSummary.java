package nl.alarmcentral.dispatch.rest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.alarmcentral.contract.event.AlarmChannel;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.dispatch.CardStatus;
import nl.alarmcentral.dispatch.IncidentPriority;
import nl.alarmcentral.dispatch.IncidentStatus;

/**
 * One line of the console's list ({@code GET /api/incidents/summaries}, and every frame of
 * {@code /ws/incidents}): enough to see what needs attention first without the whole timeline.
 *
 * @param id                the incident
 * @param version           grows with every change; a console keeps the newest it has seen
 * @param status            where it stands
 * @param priority          DURESS above everything else
 * @param duress            she entered her duress PIN
 * @param silent            do not call back unless her procedure allows it
 * @param cancelledByWorker she cancelled every alarm (never with a duress)
 * @param escalated         nobody took it within dispatch.escalate-after
 * @param kind              kind of the alarm that opened it; null when a duress opened it
 * @param channel           how the alarm that opened it came in; null when a duress opened it
 * @param openedAt          when it opened
 * @param lastAlarmAt       when the latest alarm (or duress) was raised
 * @param lastAlarmId       the latest alarm, or null
 * @param alarmCount        how many alarms it has
 * @param acknowledgedAt    when a dispatcher took it
 * @param acknowledgedBy    who took it
 * @param workingName       her working name, only when the card is available
 * @param cardStatus        whether her card is there
 */
public record IncidentSummary(UUID id, long version, IncidentStatus status, IncidentPriority priority, boolean duress,
        boolean silent, boolean cancelledByWorker, boolean escalated, AlarmKind kind, AlarmChannel channel,
        Instant openedAt, Instant lastAlarmAt, UUID lastAlarmId, int alarmCount, Instant acknowledgedAt,
        String acknowledgedBy, @JsonInclude(JsonInclude.Include.NON_NULL) String workingName, CardStatus cardStatus) {

    /** The console's order: duress first, then oldest first. */
    public static final Comparator<IncidentSummary> LIST_ORDER = Comparator.comparing(IncidentSummary::priority)
            .thenComparing(IncidentSummary::openedAt);

    /** The summary of a full view. */
    public static IncidentSummary of(IncidentView view) {
        List<IncidentView.AlarmView> alarms = view.alarms();
        IncidentView.AlarmView first = alarms.isEmpty() ? null : alarms.get(0);
        IncidentView.AlarmView last = alarms.stream().max(Comparator.comparing(IncidentView.AlarmView::raisedAt)).orElse(null);
        return new IncidentSummary(view.id(), view.version(), view.status(), view.priority(), view.duress(), view.silent(),
                view.cancelledByWorker(), view.escalated(), view.kind(), first == null ? null : first.channel(),
                view.openedAt(), view.lastAlarmAt(), last == null ? null : last.alarmId(), alarms.size(),
                view.acknowledgedAt(), view.acknowledgedBy(),
                view.card().status() == CardStatus.AVAILABLE ? view.card().workingName() : null, view.card().status());
    }
}
