package nl.alarmcentral.contract.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/** Which failures a consumer waits out (a store or peer away) and which it may give up on. */
class PassingFailuresTest {

    @Test
    void aStoreOrPeerThatIsAwayIsPassingHoweverDeeplyWrapped() {
        assertThat(PassingFailures.isPassing(new CompletionException(new RuntimeException(new ConnectException("refused")))))
                .isTrue();
        assertThat(PassingFailures.isPassing(pg("55000", "database \"dispatch\" is not currently accepting connections")))
                .isTrue();
        assertThat(PassingFailures.isPassing(pg("57P01", "terminating connection due to administrator command"))).isTrue();
        assertThat(PassingFailures.isPassing(pg("08006", "connection failure"))).isTrue();
        assertThat(PassingFailures.isPassing(pg("40001", "could not serialize access"))).isTrue();
        assertThat(PassingFailures.isPassing(new RuntimeException(io.vertx.sqlclient.ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(PassingFailures.isPassing(pg("40P01", "deadlock detected"))).isTrue();
        assertThat(PassingFailures.isPassing(new WebApplicationException(503))).isTrue();
        assertThat(PassingFailures.isPassing(new java.util.concurrent.TimeoutException())).isTrue();
        assertThat(PassingFailures.isPassing(new io.smallrye.mutiny.TimeoutException())).isTrue();
        assertThat(PassingFailures.isPassing(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moving"))).isTrue();
    }

    @Test
    void aBugOrABadEventIsNotPassing() {
        assertThat(PassingFailures.isPassing(new UnprocessableEventException("unknown type"))).isFalse();
        assertThat(PassingFailures.isPassing(pg("23505", "duplicate key value"))).isFalse();
        assertThat(PassingFailures.isPassing(pg("22P02", "invalid input syntax"))).isFalse();
        assertThat(PassingFailures.isPassing(new NullPointerException())).isFalse();
        assertThat(PassingFailures.isPassing(new WebApplicationException(400))).isFalse();
        assertThat(PassingFailures.isPassing(new VertxException("Something else"))).isFalse();
        assertThat(PassingFailures.isPassing(pg("28P01", "password authentication failed"))).isFalse();
        assertThat(PassingFailures.isPassing(new CompletionException(new IllegalStateException("bug")))).isFalse();
    }

    private static PgException pg(String state, String message) {
        return new PgException(message, "FATAL", state, null);
    }
}
