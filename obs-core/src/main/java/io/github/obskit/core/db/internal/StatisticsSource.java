package io.github.obskit.core.db.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads storage size and index usage from one database product's own statistics. */
interface StatisticsSource {

    /** The size of the current database in bytes, empty where the product has no statistic. */
    OptionalDouble storageSizeBytes(Connection connection) throws SQLException;

    /**
     * The usage ratio of each index that has one, keyed by table name and index name; empty
     * where the product keeps no index usage statistics.
     */
    Map<IndexId, Double> indexUsage(Connection connection) throws SQLException;

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
