package nl.alarmcentral.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * Fakes both sides of an alarm's sealed details for component tests: alarm-service's claim-check
 * answer with values "sealed" to her key (random bytes standing for the sealed ones: only the
 * registry could open real ones) and the registry's open endpoint answering their plain text.
 */
public final class SealedDetails {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The open endpoint, for any incident. */
    public static final String OPEN_URL = "/api/dispatch/incidents/[^/]+/open";

    private SealedDetails() {
    }

    /** Stands for sealed bytes: random, so they hold nothing of the plain text. */
    public static String sealedBytes() {
        UUID random = UUID.randomUUID();
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).putLong(random.getMostSignificantBits())
                .putLong(random.getLeastSignificantBits()).array());
    }

    /**
     * alarm-service answers this alarm's details sealed, and the registry opens each to the given text.
     *
     * @param position the position's JSON, or null for none
     * @param note     her timer note, or null for none
     * @return the sealed values as sent: {@code location} and {@code timerNote}, each null when absent
     */
    public static Map<String, String> stub(UUID alarmId, String position, String note) {
        String location = position == null ? null : sealedBytes();
        String timerNote = note == null ? null : sealedBytes();
        stubAnswer(alarmId, location, timerNote);
        if (location != null) {
            stubOpen(location, okJson(json(Map.of("text", position))));
        }
        if (timerNote != null) {
            stubOpen(timerNote, okJson(json(Map.of("text", note))));
        }
        Map<String, String> sealed = new LinkedHashMap<>();
        sealed.put("location", location);
        sealed.put("timerNote", timerNote);
        return sealed;
    }

    /** alarm-service answers these sealed values (either may be null) as the alarm's details. */
    public static void stubAnswer(UUID alarmId, String location, String timerNote) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alarmId", alarmId.toString());
        body.put("location", location == null ? null
                : Map.of("sealed", location, "kind", "ALARM_POSITION", "subjectId", alarmId.toString()));
        body.put("timerNote", timerNote == null ? null
                : Map.of("sealed", timerNote, "kind", "TIMER_NOTE", "subjectId", UUID.randomUUID().toString()));
        AlarmServiceStubResource.server().stubFor(get(urlPathEqualTo("/api/alarms/" + alarmId + "/details"))
                .willReturn(okJson(json(body))));
    }

    /** The registry answers this when asked to open these sealed bytes. */
    public static void stubOpen(String sealed, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        RegistryStubResource.server().stubFor(openOf(sealed).willReturn(answer));
    }

    /** A stub for the registry's open endpoint asked for these sealed bytes. */
    public static MappingBuilder openOf(String sealed) {
        return post(urlPathMatching(OPEN_URL)).withRequestBody(matchingJsonPath("$.sealed", equalTo(sealed)));
    }

    /** The registry's open endpoint asked for these sealed bytes. */
    public static RequestPatternBuilder openedRequests(String sealed) {
        return postRequestedFor(urlPathMatching(OPEN_URL)).withRequestBody(matchingJsonPath("$.sealed", equalTo(sealed)));
    }

    /** How often the registry was asked to open these sealed bytes. */
    public static int opened(String sealed) {
        return RegistryStubResource.server().findAll(openedRequests(sealed)).size();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
