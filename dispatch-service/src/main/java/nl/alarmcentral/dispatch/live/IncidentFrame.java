package nl.alarmcentral.dispatch.live;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.alarmcentral.dispatch.rest.IncidentSummary;

/**
 * The frames {@code /ws/incidents} sends (docs/console-api.md): a snapshot when a console
 * connects, then one frame per change of an incident, and a status frame whenever alarms start or
 * stop being delayed.
 *
 * @param type      {@code snapshot}, {@code incident} or {@code status}
 * @param incidents the snapshot's incidents (snapshot only)
 * @param incident  the changed incident (incident frames only)
 * @param isNew     the change opened the incident: the console sounds its alert
 * @param alarms    whether alarms reach the consoles in time (snapshot and status frames)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentFrame(String type, List<IncidentSummary> incidents, IncidentSummary incident,
        @JsonProperty("new") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isNew, AlarmFlow alarms) {

    /**
     * Whether alarms flow: {@code delayed} when alarm events wait for dispatch (its database away,
     * an instance gone whose partitions have not moved yet), with how many and since when.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlarmFlow(boolean delayed, Long waiting, Instant since) {

        public static final AlarmFlow NORMAL = new AlarmFlow(false, null, null);
    }

    public static IncidentFrame snapshot(List<IncidentSummary> incidents, AlarmFlow alarms) {
        return new IncidentFrame("snapshot", incidents, null, false, alarms);
    }

    public static IncidentFrame changed(IncidentSummary incident, boolean isNew) {
        return new IncidentFrame("incident", null, incident, isNew, null);
    }

    public static IncidentFrame status(AlarmFlow alarms) {
        return new IncidentFrame("status", null, null, false, alarms);
    }
}
