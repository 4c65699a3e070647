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
import nl.alarmcentral.alarm.service.WorkerSealer;
import nl.alarmcentral.contract.crypto.SealedKind;
import nl.alarmcentral.contract.crypto.SealedValue;
import nl.alarmcentral.contract.problem.ProblemException;

/**
 * An alarm's details for dispatch-service's service account only (claim check): the position it
 * came with, and the note of the safety timer it came from, both sealed to her key (only the
 * registry opens them). Events carry only {@code hasDetails}.
 *
 * <p>Served only while the alarm's incident is open: once dispatch has closed it
 * ({@code incident.events}), the answer is the one for cleared details (after the retention job or
 * an erasure): 200 with neither position nor note, so dispatch records "no details" and stops
 * asking. An unknown alarm stays a 404 (dispatch retries that a few times: it can ask a moment
 * before the alarm is committed).
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
            if (alarm.incidentClosedAt != null) {
                // Served only while its incident is open: after the close, as after an erasure (200, nothing).
                return Uni.createFrom().item(new AlarmDetails(alarm.alarmId, null, null));
            }
            SealedValue location = WorkerSealer.view(alarm.sealedPosition, SealedKind.ALARM_POSITION, alarm.alarmId);
            return timers.noteOf(alarm).map(note -> new AlarmDetails(alarm.alarmId, location, note));
        });
    }
}
