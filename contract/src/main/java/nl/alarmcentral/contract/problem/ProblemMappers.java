package nl.alarmcentral.contract.problem;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every exception that reaches the HTTP layer into a problem+json answer, so that a client
 * never sees a stack trace, an HTML error page or an empty 500. Shared by all services because
 * the error contract is the same everywhere.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /**
     * The {@code Retry-After} of a 503 for a dependency that is away, when the code that failed
     * did not choose one itself (a {@link ProblemException} carries its own): short, because
     * clients such as the worker app retry an alarm until it is accepted.
     */
    public static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

    private ProblemMappers() {
    }

    static Response response(int status, Problem problem) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Problems the services raise on purpose. */
    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                    .entity(new Problem(e.type().uri(), e.type().title(), e.status(), e.getMessage(), null, e.attemptsLeft()));
            if (e.retryAfter() != null) {
                builder.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
            }
            if (e.getCause() != null) {
                LOG.warnf("%s answered %d (cause: %s)", e.type(), e.status(), e.getCause().getClass().getName());
            }
            return builder.build();
        }
    }

    /** Bean Validation failures: which fields are invalid, never what was sent. */
    @Provider
    public static class ValidationMapper implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Problem.Violation> violations = e.getConstraintViolations().stream()
                    .map(v -> new Problem.Violation(fieldName(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.Violation::field))
                    .toList();
            return response(400, new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400,
                    "Some fields are missing or invalid.", violations, null));
        }

        private static String fieldName(ConstraintViolation<?> violation) {
            // The path is method.parameter[.property...]: a query or path parameter is named by
            // itself, a body by the properties inside it, as the client wrote them.
            String parameter = null;
            StringBuilder properties = new StringBuilder();
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    parameter = node.getName();
                } else if (node.getKind() == ElementKind.PROPERTY) {
                    properties.append(properties.length() == 0 ? "" : ".").append(node.getName());
                }
            }
            if (properties.length() > 0) {
                return properties.toString();
            }
            return parameter == null ? "body" : parameter;
        }
    }

    /** Unreadable JSON. */
    @Provider
    public static class JsonMapper implements ExceptionMapper<JacksonException> {
        @Override
        public Response toResponse(JacksonException e) {
            return malformed(e);
        }
    }

    /**
     * JSON of the wrong shape: an unknown field, a wrong type, an unknown enum value. Needs its own
     * mapper because Quarkus has a built-in one for exactly this type.
     */
    @Provider
    public static class JsonShapeMapper implements ExceptionMapper<MismatchedInputException> {
        @Override
        public Response toResponse(MismatchedInputException e) {
            return malformed(e);
        }
    }

    static Response malformed(JacksonException e) {
        String field = "";
        if (e instanceof JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                }
            }
            field = path.length() == 0 ? "" : " (field " + path + ")";
        }
        return response(400, Problem.of(ProblemType.MALFORMED, 400,
                "The body must be JSON of the documented shape" + field + "."));
    }

    /** Not logged in. */
    @Provider
    public static class UnauthenticatedMapper implements ExceptionMapper<UnauthorizedException> {
        @Override
        public Response toResponse(UnauthorizedException e) {
            return unauthenticated();
        }
    }

    /** Authentication failed (for example an expired token). */
    @Provider
    public static class AuthenticationFailedMapper implements ExceptionMapper<AuthenticationFailedException> {
        @Override
        public Response toResponse(AuthenticationFailedException e) {
            return unauthenticated();
        }
    }

    static Response unauthenticated() {
        return response(401, Problem.of(ProblemType.UNAUTHENTICATED, 401, "Log in first."));
    }

    /** Logged in without the role this needs. */
    @Provider
    public static class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException e) {
            return response(403, Problem.of(ProblemType.FORBIDDEN, 403, "Your role does not allow this."));
        }
    }

    /** JAX-RS errors: unknown path, wrong method, unsupported media type, ... */
    @Provider
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 503 || (status >= 500 && Unavailability.isUnavailable(e))) {
                return UnexpectedMapper.unavailable(e);
            }
            if (status >= 500) {
                return UnexpectedMapper.internal(e);
            }
            ProblemType type = ProblemType.forStatus(status);
            String detail = switch (status) {
                case 404 -> "There is nothing at this address.";
                case 405 -> "This method is not allowed here.";
                case 406 -> "This representation is not available; ask for application/json.";
                case 415 -> "Send the body as application/json.";
                default -> type.title() + ".";
            };
            Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(type, status, detail));
            if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
                builder.header("Allow", e.getResponse().getHeaderString("Allow"));
            }
            return builder.build();
        }
    }

    /**
     * Anything else: a dependency that is away (the database, the broker: see
     * {@link Unavailability}) is a 503 with {@code Retry-After}, because the client can and should
     * try again; everything else is our fault: 500 with an error id. Only the exception class goes
     * to the log; messages may quote data (a database error can echo a value), so the full
     * exception is logged at debug level only.
     */
    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (Unavailability.isUnavailable(e)) {
                return unavailable(e);
            }
            return internal(e);
        }

        static Response unavailable(Throwable e) {
            LOG.warnf("A dependency is unavailable; answered 503 (%s)", e.getClass().getName());
            LOG.debugf(e, "Dependency unavailable");
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", UNAVAILABLE_RETRY_AFTER_SECONDS)
                    .entity(Problem.of(ProblemType.UNAVAILABLE, 503,
                            "A service we depend on is unavailable right now. Try again shortly."))
                    .build();
        }

        static Response internal(Throwable e) {
            String errorId = UUID.randomUUID().toString();
            // Classes and places only: a message may quote data. Several failures at once (a
            // transaction and its failed rollback) are named each.
            String what = e instanceof io.smallrye.mutiny.CompositeException composite
                    ? composite.getCauses().stream().map(ProblemMappers::classAndPlace)
                            .collect(java.util.stream.Collectors.joining(", ", "CompositeException of [", "]"))
                    : classAndPlace(e);
            LOG.errorf("Unexpected error %s: %s", errorId, what);
            LOG.debugf(e, "Unexpected error %s", errorId);
            return response(500, Problem.of(ProblemType.INTERNAL, 500, "Something went wrong on our side (error id "
                    + errorId + ")."));
        }
    }

    /** A failure's class and the first line of its stack, for the log. */
    private static String classAndPlace(Throwable e) {
        return e.getClass().getName() + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
    }
}
