package nl.alarmcentral.alarm.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.alarmcentral.contract.problem.ProblemException;

/**
 * Serves the worker app's message bundles ({@code i18n/app_<lang>.properties}) as JSON, so every
 * text of the page comes from one bundle per language. Dutch, English and Spanish; the app picks
 * one from the browser's languages or her own choice.
 */
@Path("/app/messages")
@Tag(name = "Worker app")
public class AppMessagesResource {

    /** The languages the app speaks; the first is the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "nl", "es");

    private final Map<String, Map<String, String>> bundles = new ConcurrentHashMap<>();

    @GET
    @Path("/{lang}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The app's texts in one language (en, nl, es)")
    public Response messages(@PathParam("lang") String lang) {
        if (!LANGUAGES.contains(lang)) {
            throw ProblemException.notFound("Languages: " + LANGUAGES + ".");
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(bundles.computeIfAbsent(lang, AppMessagesResource::load)).cacheControl(cache).build();
    }

    static Map<String, String> load(String lang) {
        try (InputStream in = AppMessagesResource.class.getClassLoader().getResourceAsStream("i18n/app_" + lang + ".properties")) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> messages = new TreeMap<>();
            properties.forEach((key, value) -> messages.put((String) key, (String) value));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
