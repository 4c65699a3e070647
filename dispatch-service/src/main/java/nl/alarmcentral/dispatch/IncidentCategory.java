package nl.alarmcentral.dispatch;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kinds of violence an incident involved, in the categories of the study the central builds
 * on. Kept as a comma-separated column, so that the incident and its anonymous statistic carry
 * them the same way.
 */
public enum IncidentCategory {
    PHYSICAL,
    SEXUAL,
    /** Financial or economic: robbery, not being paid. */
    FINANCIAL,
    /** Emotional: stigma, outing, stalking. */
    EMOTIONAL,
    /** Boundary-crossing behaviour. */
    BOUNDARY_CROSSING,
    MEDICAL_EMERGENCY;

    /** The categories as stored: comma-separated names, or null for none. */
    public static String join(List<IncidentCategory> categories) {
        return categories == null || categories.isEmpty() ? null
                : categories.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The stored categories, in the order they were recorded. */
    public static List<IncidentCategory> split(String stored) {
        return stored == null || stored.isBlank() ? List.of()
                : Arrays.stream(stored.split(",")).map(IncidentCategory::valueOf).toList();
    }
}
