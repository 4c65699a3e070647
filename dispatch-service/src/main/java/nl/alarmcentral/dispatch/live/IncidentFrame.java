package nl.alarmcentral.dispatch.live;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.alarmcentral.dispatch.rest.IncidentSummary;

/**
 * The frames {@code /ws/incidents} sends (docs/console-api.md): a snapshot when a console
 * connects, then one frame per change of an incident.
 *
 * @param type      {@code snapshot} or {@code incident}
 * @param incidents the snapshot's incidents (snapshot only)
 * @param incident  the changed incident (incident frames only)
 * @param isNew     the change opened the incident: the console sounds its alert
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentFrame(String type, List<IncidentSummary> incidents, IncidentSummary incident,
        @JsonProperty("new") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isNew) {

    public static IncidentFrame snapshot(List<IncidentSummary> incidents) {
        return new IncidentFrame("snapshot", incidents, null, false);
    }

    public static IncidentFrame changed(IncidentSummary incident, boolean isNew) {
        return new IncidentFrame("incident", null, incident, isNew);
    }
}
