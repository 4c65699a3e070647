package nl.alarmcentral.alarm.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import nl.alarmcentral.alarm.repository.AlarmRepository;
import nl.alarmcentral.alarm.service.TimerService;
import nl.alarmcentral.contract.problem.ProblemException;

/**
 * An alarm's details for dispatch-service's service account only (claim check): the position it
 * came with, and the note of the safety timer it came from. Events carry only {@code hasDetails}.
 */
@Path("/api/alarms/{alarmId}/details")
@RolesAllowed("svc-dispatch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alarms")
public class AlarmDetailsResource {

    private final AlarmRepository alarms;
    private final TimerService timers;

    public AlarmDetailsResource(AlarmRepository alarms, TimerService timers) {
        this.alarms = alarms;
        this.timers = timers;
    }

    @GET
    @WithSession
    @Operation(summary = "Details of an alarm, for dispatch")
    public Uni<AlarmDetails> get(@PathParam("alarmId") UUID alarmId) {
        return alarms.findById(alarmId).flatMap(alarm -> {
            if (alarm == null || alarm.withdrawnAt != null) {
                // A press she withdrew in the countdown was never sent: dispatch has nothing to ask about.
                throw ProblemException.notFound("No such alarm.");
            }
            AlarmDetails.LocationView location = alarm.latitude == null ? null
                    : new AlarmDetails.LocationView(alarm.latitude, alarm.longitude, alarm.accuracyM, alarm.locationCapturedAt);
            return timers.noteOf(alarm).map(note -> new AlarmDetails(alarm.alarmId, location, note));
        });
    }
}
