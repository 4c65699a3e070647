package nl.alarmcentral.dispatch.web;

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
 * Serves the console's message bundles ({@code i18n/console_<lang>.properties}) as JSON: every
 * text of the page in Dutch and English. Open to anyone: the texts say nothing about a person,
 * and the sign-in page needs them before there is a session.
 */
@Path("/app/messages")
@Tag(name = "Console")
public class ConsoleMessagesResource {

    /** The languages the console speaks; the first is the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "nl");

    static final MessageBundles BUNDLES = new MessageBundles(ConsoleMessagesResource.class, "i18n/console", LANGUAGES);

    @GET
    @Path("/{lang}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The console's texts in one language (en, nl)")
    public Response messages(@PathParam("lang") String lang) {
        return BUNDLES.answer(lang);
    }

}
