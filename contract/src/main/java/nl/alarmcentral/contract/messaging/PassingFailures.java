package nl.alarmcentral.contract.messaging;

import java.util.Set;

import jakarta.ws.rs.WebApplicationException;

import io.vertx.sqlclient.DatabaseException;
import nl.alarmcentral.contract.problem.Unavailability;

/**
 * Tells a passing failure from any other, for consumers: an event that met one is waited out,
 * never dead-lettered ({@link EventProcessing}). Passing is
 * <ul>
 * <li>a dependency away or overloaded, as {@link Unavailability} (the one classifier the HTTP
 * answers use too) recognises it: a database refusing or ending sessions, a connection refused
 * or closed, a pool or request timeout, a retriable broker error;</li>
 * <li>a write that lost a race with another and will succeed when tried again (serialization
 * failure, deadlock, a lock not available);</li>
 * <li>a peer service answering that it is away or busy (408, 429, 502, 503, 504), or the circuit
 * breaker in front of it being open.</li>
 * </ul>
 * The whole chain of causes is looked at, because Hibernate Reactive, Mutiny and the REST client
 * wrap what the driver threw.
 */
public final class PassingFailures {

    /** Serialization failure, deadlock detected, lock not available: try again and it works. */
    private static final Set<String> CONFLICT_SQL_STATES = Set.of("40001", "40P01", "55P03");

    /** HTTP answers of a peer that is away or overloaded. */
    private static final Set<Integer> PASSING_HTTP_STATUSES = Set.of(408, 429, 502, 503, 504);

    /** Fault tolerance's answers while a peer is away (named: not every service has the extension). */
    private static final Set<String> PASSING_CLASS_NAMES = Set.of(
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException");

    private static final int MAX_DEPTH = 12;

    private PassingFailures() {
    }

    /** Whether this failure, or one of its causes, is one that passes by itself. */
    public static boolean isPassing(Throwable failure) {
        if (Unavailability.isUnavailable(failure)) {
            return true;
        }
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (isPassingItself(current)) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
            current = current.getCause();
        }
        return false;
    }

    private static boolean isPassingItself(Throwable failure) {
        if (failure instanceof UnprocessableEventException) {
            return false;
        }
        if (failure instanceof DatabaseException database) {
            return database.getSqlState() != null && CONFLICT_SQL_STATES.contains(database.getSqlState());
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            return PASSING_HTTP_STATUSES.contains(web.getResponse().getStatus());
        }
        for (Class<?> type = failure.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (PASSING_CLASS_NAMES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
