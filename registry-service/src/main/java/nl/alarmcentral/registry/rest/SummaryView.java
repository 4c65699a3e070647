package nl.alarmcentral.registry.rest;

/**
 * What a coordinator may know about the registry: counts, never people.
 *
 * @param registeredWorkers workers with a saved profile
 * @param boundDevices      hardware buttons bound to a worker
 * @param openIncidents     incidents the registry knows to be open
 */
public record SummaryView(long registeredWorkers, long boundDevices, long openIncidents) {
}
