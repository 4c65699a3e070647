package nl.alarmcentral.contract.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures mean "a dependency is away" (503) and which are ours or the client's. */
class UnavailabilityTest {

    @Test
    void aRefusedOrClosedConnectionOrATimeoutIsUnavailableAlsoWhenWrapped() {
        assertThat(Unavailability.isUnavailable(new ConnectException("Connection refused"))).isTrue();
        assertThat(Unavailability.isUnavailable(new CompletionException(new RuntimeException(ClosedConnectionException.INSTANCE))))
                .isTrue();
        assertThat(Unavailability.isUnavailable(new io.smallrye.mutiny.TimeoutException())).isTrue();
        assertThat(Unavailability.isUnavailable(new RuntimeException(new TimeoutException("Topic not present in metadata"))))
                .isTrue();
        assertThat(Unavailability.isUnavailable(new NotEnoughReplicasException("min.insync"))).isTrue();
    }

    @Test
    void postgresqlRefusingSessionsIsUnavailable() {
        assertThat(Unavailability.isUnavailable(pg("55000", "database alarm is not currently accepting connections")))
                .isTrue();
        assertThat(Unavailability.isUnavailable(pg("57P01", "terminating connection due to administrator command"))).isTrue();
        assertThat(Unavailability.isUnavailable(pg("57P03", "the database system is starting up"))).isTrue();
        assertThat(Unavailability.isUnavailable(pg("53300", "too many connections"))).isTrue();
        assertThat(Unavailability.isUnavailable(pg("08006", "connection failure"))).isTrue();
        // A failed rollback on the closed connection reported together with the failure before it.
        assertThat(Unavailability.isUnavailable(new io.smallrye.mutiny.CompositeException(
                new IllegalStateException("Transaction already completed"), ClosedConnectionException.INSTANCE))).isTrue();
    }

    @Test
    void aTransactionWhoseSessionWasEndedBetweenTwoStatementsIsUnavailable() {
        // FaultIT, alarm database refusing connections: the session was terminated after the alarm's
        // insert; the commit and then the rollback met the closed connection, reported together. This
        // was answered 500 before (the client's exact throwable, stackless, without a type of its own).
        Throwable closed = new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        assertThat(Unavailability.isUnavailable(closed)).isTrue();
        assertThat(Unavailability.isUnavailable(new io.smallrye.mutiny.CompositeException(closed,
                new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED")))).isTrue();
        assertThat(Unavailability.isUnavailable(new io.vertx.core.impl.NoStackTraceThrowable("Pool closed by a bug"))).isFalse();
    }

    @Test
    void bugsAndAnswersAreNot() {
        assertThat(Unavailability.isUnavailable(pg("23505", "duplicate key value"))).isFalse();
        assertThat(Unavailability.isUnavailable(pg("42601", "syntax error"))).isFalse();
        assertThat(Unavailability.isUnavailable(pg("28P01", "password authentication failed"))).isFalse();
        assertThat(Unavailability.isUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(Unavailability.isUnavailable(new SQLException("plain"))).isFalse();
    }

    @Test
    void aSelfReferencingCauseChainEnds() {
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.initCause(other);
        assertThat(Unavailability.isUnavailable(loop)).isFalse();
    }

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }
}
