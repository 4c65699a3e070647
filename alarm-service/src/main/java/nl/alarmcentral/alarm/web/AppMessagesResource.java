package nl.alarmcentral.alarm.web;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import nl.alarmcentral.contract.web.MessageBundles;

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

    static final MessageBundles BUNDLES = new MessageBundles(AppMessagesResource.class, "i18n/app", LANGUAGES);

    @GET
    @Path("/{lang}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The app's texts in one language (en, nl, es)")
    public Response messages(@PathParam("lang") String lang) {
        return BUNDLES.answer(lang);
    }

}
