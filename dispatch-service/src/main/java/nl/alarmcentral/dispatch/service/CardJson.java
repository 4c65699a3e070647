package nl.alarmcentral.dispatch.service;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.alarmcentral.dispatch.rest.IncidentView.AddressView;
import nl.alarmcentral.dispatch.rest.IncidentView.ContactView;

/**
 * The lists of a dispatch card (languages, procedure, addresses, contacts, police fields) as the
 * JSON text they are kept in ({@code incident_card}): a card is written whole and read whole,
 * never searched, so a column per list item would only add tables to delete from.
 */
final class CardJson {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CardJson() {
    }

    /** The list as JSON, or null when it is empty. */
    static String write(List<?> list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; never quote the values.
            throw new IllegalStateException("Card list not serialisable: " + e.getClass().getSimpleName());
        }
    }

    static List<String> strings(String json) {
        return read(json, new TypeReference<List<String>>() { });
    }

    static List<AddressView> addresses(String json) {
        return read(json, new TypeReference<List<AddressView>>() { });
    }

    static List<ContactView> contacts(String json) {
        return read(json, new TypeReference<List<ContactView>>() { });
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored card list unreadable: " + e.getClass().getSimpleName());
        }
    }
}
