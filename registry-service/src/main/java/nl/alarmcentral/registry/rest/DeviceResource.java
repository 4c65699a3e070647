package nl.alarmcentral.registry.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.service.DeviceService;

/**
 * Coordinators bind buttons with a worker's enrolment code, list them and unbind them. They never
 * see whose a button is: no worker id, no name, nothing else of hers.
 */
@Path("/api/devices")
@RolesAllowed("coordinator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public class DeviceResource {

    /** The only status a listed button has: an unbound button is not kept. */
    static final String BOUND = "BOUND";

    private final JsonWebToken token;
    private final DeviceService devices;

    public DeviceResource(JsonWebToken token, DeviceService devices) {
        this.token = token;
        this.devices = devices;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bind a button with a worker's enrolment code",
            description = "Answers the button's new secret, once: it is not shown again. A wrong, used or expired code is a "
                    + "400 naming enrolmentCode; after 5 wrong codes in 15 minutes, binding is locked for 15 minutes (429 "
                    + "with Retry-After). A button that is already bound is a 409. If the change cannot be passed on to "
                    + "alarm-service, 503 and nothing is bound.")
    @APIResponse(responseCode = "201", description = "Bound; the secret is in the answer")
    public Uni<RestResponse<DeviceSecretView>> bind(@Valid @NotNull DeviceBindRequest request) {
        return devices.bind(token.getSubject(), request.deviceId(), request.enrolmentCode(), request.heartbeatIntervalOrDefault())
                .map(secret -> RestResponse.ResponseBuilder
                        .create(RestResponse.Status.CREATED, new DeviceSecretView(request.deviceId(), secret))
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @GET
    @Operation(summary = "List bound buttons", description = "Without anything that tells whose a button is.")
    public Uni<DeviceList> list() {
        return devices.allDevices().map(found -> new DeviceList(found.stream()
                .map(device -> new DeviceList.Item(device.deviceId, BOUND, device.boundAt, device.changedAt))
                .toList()));
    }

    @DELETE
    @Path("/{deviceId}")
    @Operation(summary = "Unbind a button", description = "404 when it is not bound; 503 (and still bound) if the change "
            + "cannot be passed on to alarm-service.")
    public Uni<Void> unbind(@PathParam("deviceId") @Pattern(regexp = DeviceBindRequest.DEVICE_ID) String deviceId) {
        return devices.unbindAsCoordinator(deviceId).invoke(unbound -> {
            if (!unbound) {
                throw ProblemException.notFound("No button with this id is bound.");
            }
        }).replaceWithVoid();
    }

    /**
     * A bound button's secret, shown once.
     *
     * @param deviceId the button
     * @param secret   256 random bits, base64url without padding: configure the button with it (its
     *                 UTF-8 bytes are the HMAC key, see docs/devices.md)
     */
    public record DeviceSecretView(String deviceId, String secret) {
    }

    /**
     * Bound buttons.
     *
     * @param devices newest first
     */
    public record DeviceList(List<Item> devices) {

        /**
         * One button; deliberately nothing about whose it is.
         *
         * @param deviceId      its id
         * @param status        always {@code BOUND}
         * @param boundAt       when it was bound
         * @param lastChangedAt when its binding last changed
         */
        public record Item(String deviceId, String status, Instant boundAt, Instant lastChangedAt) {
        }
    }
}
