package nl.alarmcentral.alarm.web;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The web app manifest that makes the worker app installable. Its name is neutral ("Agenda" by
 * default) or one the worker chooses, so that nothing on her home screen says what the app is for.
 */
@Path("/app/manifest.webmanifest")
@Tag(name = "Worker app")
public class AppManifestResource {

    static final String DEFAULT_NAME = "Agenda";

    @GET
    @PermitAll
    @Produces("application/manifest+json")
    @Operation(summary = "The installable app's manifest, under a neutral name")
    public Map<String, Object> manifest(@QueryParam("name") String name) {
        String appName = name != null && name.matches("[\\p{L}\\p{N} .'-]{1,30}") ? name.strip() : DEFAULT_NAME;
        return Map.of(
                "name", appName,
                "short_name", appName,
                "start_url", "/",
                "scope", "/",
                "display", "standalone",
                "background_color", "#ffffff",
                "theme_color", "#ffffff",
                "icons", List.of(
                        Map.of("src", "/icons/icon-192.png", "sizes", "192x192", "type", "image/png"),
                        Map.of("src", "/icons/icon-512.png", "sizes", "512x512", "type", "image/png"),
                        Map.of("src", "/icons/icon.svg", "sizes", "any", "type", "image/svg+xml")));
    }
}
