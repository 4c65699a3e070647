package nl.alarmcentral.registry.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import nl.alarmcentral.contract.problem.Problem;
import nl.alarmcentral.contract.problem.ProblemType;
import nl.alarmcentral.registry.service.InvalidInputException;

/**
 * Answers an {@link InvalidInputException} like a Bean Validation failure: 400, type
 * {@code validation}, with the field in {@code violations}, so clients handle both the same way.
 */
@Provider
public class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {

    @Override
    public Response toResponse(InvalidInputException e) {
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400,
                        "Some fields are missing or invalid.", List.of(new Problem.Violation(e.field(), e.getMessage())),
                        null))
                .build();
    }
}
