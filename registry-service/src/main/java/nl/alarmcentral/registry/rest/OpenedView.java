package nl.alarmcentral.registry.rest;

/**
 * What the registry opened for dispatch.
 *
 * @param text the plain text that was sealed (UTF-8), for example a position or her timer note
 */
public record OpenedView(String text) {
}
