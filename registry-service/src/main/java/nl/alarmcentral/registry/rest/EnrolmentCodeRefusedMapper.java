package nl.alarmcentral.registry.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import nl.alarmcentral.contract.problem.Problem;
import nl.alarmcentral.contract.problem.ProblemType;
import nl.alarmcentral.registry.service.EnrolmentCodeRefusedException;
import nl.alarmcentral.registry.service.EnrolmentRefusal;

/**
 * A refused enrolment code as a problem: a wrong or expired code is a validation problem naming the
 * field {@code enrolmentCode}; a coordinator who is locked out gets 429 with {@code Retry-After}
 * (the shared contract has no problem type of its own for that yet, so its type is the generic
 * {@code bad-request}).
 */
@Provider
public class EnrolmentCodeRefusedMapper implements ExceptionMapper<EnrolmentCodeRefusedException> {

    @Override
    public Response toResponse(EnrolmentCodeRefusedException e) {
        if (e.reason() == EnrolmentRefusal.LOCKED) {
            return Response.status(429).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", Math.max(1, (e.retryAfter().toMillis() + 999) / 1000))
                    .entity(Problem.of(ProblemType.BAD_REQUEST, 429, e.getMessage()))
                    .build();
        }
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400, e.getMessage(),
                        List.of(new Problem.Violation("enrolmentCode", e.getMessage())), null))
                .build();
    }
}
