package nl.alarmcentral.contract.problem;

import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells a failure because a dependency (PostgreSQL, the Kafka broker, an HTTP server such as the
 * identity provider) is away or overloaded from every other failure. One classifier for all
 * services, so that "the database is down" is a {@code 503} with {@code Retry-After} wherever it
 * surfaces ({@link ProblemMappers}), never a {@code 500}, and so that alarm-service decides the
 * same way whether to fall back to its other store.
 *
 * <p>Away means: the connection was refused, reset or closed, a name did not resolve, a pool or a
 * request timed out, PostgreSQL refused the session (SQLSTATE class 08 connection exception,
 * 53 insufficient resources, 57P01-57P03 shutting down or starting up, 57014 statement cancelled,
 * 55000 "database does not allow connections"), or the Kafka client gave up on a retriable error.
 * Not away: a constraint violation, a syntax error, a wrong password, a refused token: those are
 * bugs or answers, and retrying would not help.
 */
public final class Unavailability {

    /** PostgreSQL error codes (SQLSTATE) that mean the server cannot serve this session now. */
    private static final Set<String> UNAVAILABLE_SQL_STATES = Set.of("57P01", "57P02", "57P03", "57014", "55000");

    /**
     * What the Vert.x SQL client says (a stackless throwable, no type of its own) when a command is
     * sent on a connection that has closed meanwhile: the server ended the session between two
     * statements of a transaction, so the commit and the rollback after it both fail with this.
     */
    static final String CONNECTION_NOT_ACTIVE = "Connection is not active now";

    /** How deep the cause chain is followed (wrappers nest a few levels, never more). */
    private static final int MAX_DEPTH = 12;

    private Unavailability() {
    }

    /** Whether the failure, or one of its causes, says a dependency is away or overloaded. */
    public static boolean isUnavailable(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (isUnavailableItself(current)) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
            current = current.getCause();
        }
        return false;
    }

    private static boolean isUnavailableItself(Throwable failure) {
        if (failure instanceof io.smallrye.mutiny.CompositeException composite) {
            // Several failures at once (a transaction whose rollback failed on the closed connection
            // too): away if any of them says so.
            return composite.getCauses().stream().anyMatch(Unavailability::isUnavailable);
        }
        if (failure instanceof DatabaseException database) {
            return sqlStateMeansUnavailable(database.getSqlState());
        }
        return failure instanceof SocketException // includes ConnectException, NoRouteToHostException
                || failure instanceof UnknownHostException
                || failure instanceof ClosedChannelException
                || failure instanceof java.util.concurrent.TimeoutException // includes Vert.x pool timeouts
                || failure instanceof io.smallrye.mutiny.TimeoutException
                || failure instanceof ClosedConnectionException
                || failure instanceof ConnectionPoolTooBusyException
                || failure instanceof HttpClosedException
                || failure.getMessage() != null && failure.getMessage().startsWith(CONNECTION_NOT_ACTIVE)
                || failure instanceof RetriableException; // Kafka: timeouts, network, not enough replicas
    }

    /** Whether a PostgreSQL SQLSTATE means "not now" rather than "not like this". */
    static boolean sqlStateMeansUnavailable(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") || sqlState.startsWith("53") || UNAVAILABLE_SQL_STATES.contains(sqlState);
    }
}
