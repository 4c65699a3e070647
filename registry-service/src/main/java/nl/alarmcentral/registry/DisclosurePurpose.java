package nl.alarmcentral.registry;

/**
 * The only purposes for which the registry hands out a worker's data. This set is closed on
 * purpose: there is no purpose (and so no endpoint, role or export) for tax, housing, permits,
 * enforcement, immigration or police work outside an open emergency.
 */
public enum DisclosurePurpose {
    /** dispatch-service asks for her card for an incident that is open (granted or refused). */
    EMERGENCY_DISPATCH,
    /**
     * She exported her whole file herself. Recorded so that she can see when everything left the
     * registry (someone with her phone could do it too); never counted as an emergency disclosure.
     * Her reading of single parts (profile, notes, ...) is not recorded.
     */
    WORKER_OWN_ACCESS
}
