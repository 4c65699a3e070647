package nl.alarmcentral.registry.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.registry.service.DeviceService;

/** A worker's own buttons: she sees them and can unbind them (a lost button, say). */
@Path("/api/me/devices")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Worker devices")
public class DeviceOwnerResource {

    private final JsonWebToken token;
    private final DeviceService devices;

    public DeviceOwnerResource(JsonWebToken token, DeviceService devices) {
        this.token = token;
        this.devices = devices;
    }

    @GET
    @Operation(summary = "List my buttons")
    public Uni<DeviceOwnerList> list() {
        return devices.devicesOf(token.getSubject()).map(found -> new DeviceOwnerList(found.stream()
                .map(device -> new DeviceOwnerList.Item(device.deviceId, device.boundAt, device.heartbeatIntervalSeconds))
                .toList()));
    }

    @DELETE
    @Path("/{deviceId}")
    @Operation(summary = "Unbind one of my buttons", description = "404 when she has no button with this id.")
    public Uni<Void> unbind(@PathParam("deviceId") @Pattern(regexp = DeviceBindRequest.DEVICE_ID) String deviceId) {
        return devices.unbindOwn(token.getSubject(), deviceId).invoke(unbound -> {
            if (!unbound) {
                throw ProblemException.notFound("You have no button with this id.");
            }
        }).replaceWithVoid();
    }

    /**
     * Her buttons.
     *
     * @param devices newest first
     */
    public record DeviceOwnerList(List<Item> devices) {

        /**
         * One button.
         *
         * @param deviceId                 its id
         * @param boundAt                  when it was bound to her
         * @param heartbeatIntervalSeconds how often it reports in
         */
        public record Item(String deviceId, Instant boundAt, int heartbeatIntervalSeconds) {
        }
    }
}
