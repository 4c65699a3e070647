package nl.alarmcentral.alarm.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.service.AlarmService;
import nl.alarmcentral.contract.event.AlarmKind;
import nl.alarmcentral.contract.problem.ProblemException;
import nl.alarmcentral.contract.problem.ProblemType;

/** Alarms raised from the worker app. */
@Path("/api/alarms")
@RolesAllowed("worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alarms")
public class AlarmResource {

    private final JsonWebToken token;
    private final AlarmService alarms;

    public AlarmResource(JsonWebToken token, AlarmService alarms) {
        this.token = token;
        this.alarms = alarms;
    }

    @POST
    @Operation(summary = "Raise an alarm", description = "Answers only once the alarm is durable: in the "
            + "database, or on the broker while the database is away. Repeating a request with the same clientRef "
            + "returns the same alarm.")
    @APIResponse(responseCode = "202", description = "The alarm is durable and on its way to a dispatcher")
    @APIResponse(responseCode = "503", description = "Not durable; retry with the same clientRef after Retry-After")
    public Uni<Response> raise(@Valid @NotNull RaiseAlarmRequest request) {
        if (request.kind() == AlarmKind.CHECKIN_MISSED) {
            throw new ProblemException(ProblemType.VALIDATION, 400,
                    "kind must be PANIC or SILENT; missed check-ins are raised by the safety timer.");
        }
        return alarms.accept(token.getSubject(), request.kind(), request.clientRef(),
                request.location() == null ? null : request.location().toLocation())
                .map(accepted -> Response.accepted(new AlarmReceipt(accepted.alarmId(), accepted.acceptedAt())).build());
    }
}
