package nl.alarmcentral.alarm.web;

/**
 * What the worker app learns about its session: whether she is logged in, and the token it must
 * send back in {@link CsrfGuard#HEADER}. Never an access or refresh token.
 *
 * @param authenticated whether a session exists
 * @param csrfToken     the session's CSRF token, when authenticated
 */
public record AppSession(boolean authenticated, String csrfToken) {
}
