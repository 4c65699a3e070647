package nl.alarmcentral.contract.messaging;

import java.io.IOException;
import java.util.Set;

import jakarta.ws.rs.WebApplicationException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/**
 * Tells a passing failure from any other: a database, broker or service that is away, restarting,
 * refusing connections or too busy. Such a failure ends by itself, so an event that met one is
 * waited out, never dead-lettered ({@link EventProcessing}). The whole chain of causes is looked at,
 * because Hibernate Reactive, Mutiny and the REST client wrap what the driver threw.
 */
public final class PassingFailures {

    /**
     * PostgreSQL error classes and codes that say "not now" rather than "never": connection
     * exceptions (08), insufficient resources (53), operator intervention such as a terminated
     * session or a shutdown (57), system errors (58), serialization failures and deadlocks, and a
     * database that does not allow connections right now.
     */
    private static final Set<String> PASSING_SQL_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> PASSING_SQL_STATES = Set.of("40001", "40P01", "55000", "55006", "55P03", "25P03");

    /** HTTP answers of a peer that is away or overloaded. */
    private static final Set<Integer> PASSING_HTTP_STATUSES = Set.of(408, 429, 502, 503, 504);

    /** Failures of libraries not every service has, named rather than imported. */
    private static final Set<String> PASSING_CLASS_NAMES = Set.of(
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.smallrye.mutiny.TimeoutException",
            "jakarta.ws.rs.ProcessingException",
            "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
            "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
            "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.TimeoutException");

    private PassingFailures() {
    }

    /** Whether this failure, or one of its causes, is one that passes by itself. */
    public static boolean isPassing(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (isPassingItself(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPassingItself(Throwable failure) {
        if (failure instanceof UnprocessableEventException) {
            return false;
        }
        if (failure instanceof IOException || failure instanceof java.util.concurrent.TimeoutException) {
            return true;
        }
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            return PASSING_SQL_STATES.contains(state) || (state.length() >= 2 && PASSING_SQL_CLASSES.contains(state.substring(0, 2)));
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            return PASSING_HTTP_STATUSES.contains(web.getResponse().getStatus());
        }
        if (failure instanceof VertxException && failure.getMessage() != null) {
            // The Vert.x clients report closed connections and pool or connect timeouts this way.
            String message = failure.getMessage().toLowerCase(java.util.Locale.ROOT);
            return message.contains("closed") || message.contains("timeout") || message.contains("connection");
        }
        for (Class<?> type = failure.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (PASSING_CLASS_NAMES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
