package io.github.obskit.core.db.internal;

import io.github.obskit.core.internal.OnceLogger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads storage size and index usage from one database product's own statistics. Every query
 * runs with a query timeout ({@link #limit(Statement, int)}), so a database that does not answer
 * cannot hold the polling thread.
 */
interface StatisticsSource {

    /**
     * The size of the current database in bytes, empty where the product has no statistic.
     *
     * @param timeoutSeconds the query timeout, at least 1
     */
    OptionalDouble storageSizeBytes(Connection connection, int timeoutSeconds) throws SQLException;

    /**
     * The usage ratio of each index that has one, keyed by table name and index name; empty
     * where the product keeps no index usage statistics.
     *
     * @param timeoutSeconds the query timeout, at least 1
     */
    Map<IndexId, Double> indexUsage(Connection connection, int timeoutSeconds) throws SQLException;

    /**
     * Sets the query timeout of a statistics query; a driver without query timeouts runs the
     * query without one (logged once).
     */
    static <S extends Statement> S limit(S statement, int timeoutSeconds) throws SQLException {
        try {
            statement.setQueryTimeout(timeoutSeconds);
        } catch (SQLFeatureNotSupportedException e) {
            OnceLogger.warn("db.poll.timeout", "The JDBC driver has no query timeout; database "
                    + "statistics are polled without one", e);
        }
        return statement;
    }

    /** The source for a JDBC product name, or {@code null} when obskit knows none. */
    static StatisticsSource forProduct(String productName) {
        String system = DbSystemNames.fromProductName(productName);
        switch (system) {
            case "postgresql":
                return new PostgresStatistics();
            case "h2database":
                return new H2Statistics();
            default:
                return null;
        }
    }
}
