package nl.alarmcentral.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Direct reads of dispatch's database, for facts the API does not (yet) show, such as a device
 * warning kept without an incident.
 */
@ApplicationScoped
public class DispatchDatabase {

    private final Pool pool;

    public DispatchDatabase(Pool pool) {
        this.pool = pool;
    }

    /** Runs a statement ({@code $1}, {@code $2}, ... for the parameters); returns the row count. */
    public int execute(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10)).rowCount();
    }

    /** The first column of every row a query returns, as text. */
    public List<String> strings(String sql, Object... params) {
        List<String> values = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> values.add(row.getValue(0) == null ? null : String.valueOf(row.getValue(0))));
        return values;
    }

    /** The single number a {@code select count(*) ...} returns. */
    public long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
