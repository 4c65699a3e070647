package nl.alarmcentral.alarm.dc09;

import java.util.Objects;

/**
 * What the central does with one event, and the words for it.
 *
 * @param action  what to do
 * @param code    the event code as read ({@code 120}, {@code PA}), or null for a link test or an
 *                unreadable payload
 * @param meaning the code's meaning in English (a technical label for the log and as a key for the
 *                console's message bundles, not user-facing text)
 */
public record Dc09Decision(Dc09Action action, String code, String meaning) {

    public Dc09Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(meaning, "meaning");
    }
}
