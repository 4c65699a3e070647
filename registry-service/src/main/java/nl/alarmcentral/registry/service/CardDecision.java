package nl.alarmcentral.registry.service;

import nl.alarmcentral.registry.RefusalReason;
import nl.alarmcentral.registry.rest.DispatchCard;

/**
 * The answer to a card request, as recorded: a card, or the reason there is none.
 *
 * @param card    the card disclosed, or null
 * @param refusal why nothing was disclosed, or null
 */
public record CardDecision(DispatchCard card, RefusalReason refusal) {

    static CardDecision granted(DispatchCard card) {
        return new CardDecision(card, null);
    }

    static CardDecision refused(RefusalReason reason) {
        return new CardDecision(null, reason);
    }
}
