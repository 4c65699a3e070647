package nl.alarmcentral.dispatch.web;

/**
 * What the console page learns about its session. Never an access or refresh token.
 *
 * @param authenticated whether someone is signed in
 * @param allowed       whether that person may use the console (role dispatcher or supervisor);
 *                      anyone else sees a refusal and no incident data
 * @param csrfToken     the token to send back in {@link CsrfGuard#HEADER}, only when allowed
 * @param user          the signed-in staff member's user name, shown on the page, only when allowed
 * @param supervisor    whether the page shows the supervision panel (acknowledge times)
 */
public record ConsoleSession(boolean authenticated, boolean allowed, String csrfToken, String user, boolean supervisor) {

    static ConsoleSession signedOut() {
        return new ConsoleSession(false, false, null, null, false);
    }

    static ConsoleSession refused() {
        return new ConsoleSession(true, false, null, null, false);
    }
}
