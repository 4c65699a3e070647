package nl.alarmcentral.registry;

/**
 * The only purposes for which the registry discloses a worker's data. This set is closed on
 * purpose: there is no purpose (and so no endpoint, role or export) for tax, housing, permits,
 * enforcement, immigration or police work outside an open emergency.
 */
public enum DisclosurePurpose {
    /** A dispatcher helps her during an open incident. */
    EMERGENCY_DISPATCH,
    /** She reads or exports her own data. */
    WORKER_OWN_ACCESS
}
