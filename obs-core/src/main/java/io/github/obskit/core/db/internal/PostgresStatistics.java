package io.github.obskit.core.db.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * PostgreSQL: {@code pg_database_size(current_database())} for the storage size; for each user
 * index, its {@code idx_scan} ({@code pg_stat_user_indexes}) divided by all scans of its table
 * ({@code seq_scan + idx_scan} in {@code pg_stat_user_tables}). An index whose table has not
 * been scanned yet has no ratio. The statistics are the cumulative ones since the last reset.
 */
final class PostgresStatistics implements StatisticsSource {

    private static final String SIZE = "SELECT pg_database_size(current_database())";
    private static final String INDEX_USAGE = "SELECT i.schemaname, i.relname, i.indexrelname, "
            + "COALESCE(i.idx_scan, 0), COALESCE(t.seq_scan, 0) + COALESCE(t.idx_scan, 0) "
            + "FROM pg_stat_user_indexes i JOIN pg_stat_user_tables t ON t.relid = i.relid "
            + "ORDER BY i.schemaname, i.relname, i.indexrelname";

    @Override
    public OptionalDouble storageSizeBytes(Connection connection, int timeoutSeconds)
            throws SQLException {
        try (Statement s = StatisticsSource.limit(connection.createStatement(), timeoutSeconds);
                ResultSet rs = s.executeQuery(SIZE)) {
            return rs.next() ? OptionalDouble.of(rs.getLong(1)) : OptionalDouble.empty();
        }
    }

    @Override
    public Map<IndexId, Double> indexUsage(Connection connection, int timeoutSeconds)
            throws SQLException {
        Map<IndexId, Double> ratios = new LinkedHashMap<>();
        try (Statement s = StatisticsSource.limit(connection.createStatement(), timeoutSeconds);
                ResultSet rs = s.executeQuery(INDEX_USAGE)) {
            while (rs.next()) {
                String schema = rs.getString(1);
                String table = "public".equals(schema) ? rs.getString(2)
                        : schema + "." + rs.getString(2);
                long indexScans = rs.getLong(4);
                long tableScans = rs.getLong(5);
                if (tableScans > 0) {
                    ratios.put(new IndexId(table, rs.getString(3)),
                            Math.min(1.0, (double) indexScans / tableScans));
                }
            }
        }
        return ratios;
    }
}
