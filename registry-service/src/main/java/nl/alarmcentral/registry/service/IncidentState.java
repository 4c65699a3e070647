package nl.alarmcentral.registry.service;

import nl.alarmcentral.registry.KnownIncident;
import nl.alarmcentral.registry.RefusalReason;

/** What the registry knows about an incident named in a card request, for one worker. */
public enum IncidentState {
    OPEN(null),
    CLOSED(RefusalReason.INCIDENT_CLOSED),
    OF_OTHER_WORKER(RefusalReason.INCIDENT_OF_OTHER_WORKER),
    UNKNOWN(RefusalReason.INCIDENT_UNKNOWN);

    private final RefusalReason refusal;

    IncidentState(RefusalReason refusal) {
        this.refusal = refusal;
    }

    /** Why no card may be disclosed in this state; null when open. */
    public RefusalReason refusal() {
        return refusal;
    }

    static IncidentState of(KnownIncident incident, String workerId) {
        if (incident == null) {
            return UNKNOWN;
        }
        if (!incident.workerId.equals(workerId)) {
            return OF_OTHER_WORKER;
        }
        if (incident.closedAt != null) {
            return CLOSED;
        }
        return incident.openedAt == null ? UNKNOWN : OPEN;
    }
}
