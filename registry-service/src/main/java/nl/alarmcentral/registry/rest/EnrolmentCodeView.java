package nl.alarmcentral.registry.rest;

import java.time.Instant;

/**
 * A new enrolment code, shown once to the worker; she reads it out to the coordinator who binds her
 * button.
 *
 * @param code      eight characters with a dash in the middle, e.g. {@code K7Q2-9XPM}; case, spaces
 *                  and dashes do not matter when it is entered
 * @param expiresAt until when it can be used (once)
 */
public record EnrolmentCodeView(String code, Instant expiresAt) {
}
