package nl.alarmcentral.registry.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.registry.service.DeviceService;

/**
 * A worker asks for a one-time code to have a button bound to her. She gives it to a coordinator,
 * who then never needs to know who she is.
 */
@Path("/api/me/enrolment-codes")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Worker devices")
public class EnrolmentCodeResource {

    private final JsonWebToken token;
    private final DeviceService devices;

    public EnrolmentCodeResource(JsonWebToken token, DeviceService devices) {
        this.token = token;
        this.devices = devices;
    }

    @POST
    @Operation(summary = "Get an enrolment code for a button",
            description = "A one-time code, valid for 15 minutes; it replaces her earlier unused code. Only its hash is stored.")
    public Uni<RestResponse<EnrolmentCodeView>> issue() {
        return devices.issueCode(token.getSubject()).map(code -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.OK, new EnrolmentCodeView(code.code(), code.expiresAt()))
                .header("Cache-Control", "no-store")
                .build());
    }
}
