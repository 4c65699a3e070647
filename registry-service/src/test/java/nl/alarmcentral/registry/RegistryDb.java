package nl.alarmcentral.registry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.alarmcentral.infra.test.SharedTestInfra;

/** Direct reads of the registry's database, to check what is (not) stored. */
public final class RegistryDb {

    private RegistryDb() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(SharedTestInfra.postgres().jdbcUrl("registry"), "registry", "registry");
    }

    /** The number a {@code SELECT count(*)} returns. */
    public static long count(String sql, Object... params) {
        return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
    }

    /** Every row of a query, column name to value. */
    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnName(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables of the registry's schema that have a worker_id column (except Flyway's). */
    public static List<String> tablesWithWorkerId() {
        return rows("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND column_name = 'worker_id' ORDER BY table_name").stream()
                .map(row -> (String) row.get("table_name")).toList();
    }
}
