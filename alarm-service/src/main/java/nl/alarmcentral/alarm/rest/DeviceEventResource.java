package nl.alarmcentral.alarm.rest;

import java.io.IOException;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.service.AuthenticatedDevice;
import nl.alarmcentral.alarm.service.DeviceAuthenticator;
import nl.alarmcentral.alarm.service.DeviceEventService;
import nl.alarmcentral.alarm.service.DeviceEventType;
import nl.alarmcentral.alarm.service.DeviceMetrics;
import nl.alarmcentral.alarm.service.DeviceRejection;
import nl.alarmcentral.alarm.service.HeartbeatService;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/**
 * Requests from hardware buttons. A button has no account: instead of a token, every request is
 * signed with the button's own secret (HMAC over the timestamp and the raw body, see
 * {@code docs/devices.md}), so the body is read as bytes and parsed only after the signature
 * matched. Unknown fields in the body are ignored, so that a newer firmware's extra field never
 * refuses an alarm.
 */
@Path("/api/devices/{deviceId}/events")
@PermitAll
@Tag(name = "Devices")
public class DeviceEventResource {

    private static final Logger LOG = Logger.getLogger(DeviceEventResource.class);

    private final DeviceAuthenticator authenticator;
    private final DeviceEventService events;
    private final HeartbeatService heartbeats;
    private final DeviceMetrics metrics;
    private final Validator validator;
    private final ObjectReader reader;

    public DeviceEventResource(DeviceAuthenticator authenticator, DeviceEventService events, HeartbeatService heartbeats,
            DeviceMetrics metrics, Validator validator, ObjectMapper json) {
        this.authenticator = authenticator;
        this.events = events;
        this.heartbeats = heartbeats;
        this.metrics = metrics;
        this.validator = validator;
        this.reader = json.readerFor(DeviceEventRequest.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An event from a hardware button", description = "Signed with the button's secret instead of a "
            + "token. SOS and SILENT_SOS raise an alarm for the button's worker and answer once it is durable; repeating "
            + "an event (same eventId, new timestamp and signature) returns the same alarm. See docs/devices.md.")
    @APIResponse(responseCode = "202", description = "SOS or SILENT_SOS: the alarm is durable",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlarmReceipt.class)))
    @APIResponse(responseCode = "204", description = "HEARTBEAT or LOW_BATTERY: received (a warning is durable)")
    @APIResponse(responseCode = "400", description = "Correctly signed, but the body is not a valid event; names the field")
    @APIResponse(responseCode = "401", description = "Not authenticated: unknown device, bad signature, timestamp outside "
            + "the window, or a replayed request (the answer does not say which)")
    @APIResponse(responseCode = "503", description = "Not durable; retry with the same eventId after Retry-After")
    public Uni<Response> receive(
            @PathParam("deviceId") String deviceId,
            @Parameter(description = "Unix time in seconds when the request was signed")
            @HeaderParam("X-Device-Timestamp") String timestamp,
            @Parameter(description = "Lowercase hex of HMAC-SHA256(secret, timestamp + \"\\n\" + body)")
            @HeaderParam("X-Device-Signature") String signature,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeviceEventRequest.class))) byte[] body) {
        return authenticator.authenticate(deviceId, timestamp, signature, body).flatMap(device -> {
            DeviceEventRequest event;
            try {
                event = read(body);
            } catch (IOException e) {
                metrics.rejected(DeviceRejection.MALFORMED);
                return Uni.createFrom().failure(e);
            }
            return handle(device, event);
        });
    }

    private Uni<Response> handle(AuthenticatedDevice device, DeviceEventRequest event) {
        return switch (event.type()) {
            case SOS, SILENT_SOS -> events.raiseAlarm(device, event.type() == DeviceEventType.SOS
                    ? AlarmKind.PANIC : AlarmKind.SILENT, event.eventId(),
                    event.location() == null ? null : event.location().toLocation())
                    // The alarm is durable; recording that the button was heard from is not worth failing it.
                    .call(() -> heartbeats.heardFrom(device.deviceId())
                            .onFailure().invoke(e -> LOG.warnf("Could not record that a button was heard from (%s)",
                                    e.getClass().getName()))
                            .onFailure().recoverWithNull())
                    .invoke(() -> metrics.accepted(event.type()))
                    .map(alarm -> Response.accepted(new AlarmReceipt(alarm.alarmId, alarm.raisedAt)).build());
            case HEARTBEAT -> events.heartbeat(device)
                    .invoke(() -> metrics.accepted(event.type()))
                    .map(ignored -> Response.noContent().build());
            case LOW_BATTERY -> events.batteryLow(device, event.eventId())
                    .invoke(() -> metrics.accepted(event.type()))
                    .map(ignored -> Response.noContent().build());
        };
    }

    /**
     * The body as an event, or a 400 naming the field (by the shared problem mappers). Only
     * reached for a correctly signed request, so naming the field helps the button's maker and
     * tells an attacker nothing.
     *
     * @throws IOException unreadable JSON (a {@code JacksonException}, which the shared mappers answer)
     */
    private DeviceEventRequest read(byte[] body) throws IOException {
        DeviceEventRequest event = reader.readValue(body);
        if (event == null) {
            metrics.rejected(DeviceRejection.MALFORMED);
            throw new ProblemException(ProblemType.MALFORMED, 400, "The body must be a JSON object.");
        }
        Set<ConstraintViolation<DeviceEventRequest>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            metrics.rejected(DeviceRejection.MALFORMED);
            throw new ConstraintViolationException(violations);
        }
        return event;
    }
}
