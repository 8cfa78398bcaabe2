package io.github.obskit.core.db.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * H2: the storage size is the MVStore file size, {@code info.FILE_SIZE} in {@code
 * INFORMATION_SCHEMA.SETTINGS}, which file databases have and in-memory databases do not. H2
 * keeps no index usage statistics, so there is no index usage ratio.
 */
final class H2Statistics implements StatisticsSource {

    private static final String FILE_SIZE = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
            + "WHERE SETTING_NAME = 'info.FILE_SIZE'";

    @Override
    public OptionalDouble storageSizeBytes(Connection connection, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement s = StatisticsSource.limit(connection.prepareStatement(FILE_SIZE),
                timeoutSeconds); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return OptionalDouble.empty();
            }
            try {
                return OptionalDouble.of(Long.parseLong(rs.getString(1).trim()));
            } catch (NumberFormatException | NullPointerException e) {
                throw new SQLException("unexpected info.FILE_SIZE value: " + rs.getString(1), e);
            }
        }
    }

    @Override
    public Map<IndexId, Double> indexUsage(Connection connection, int timeoutSeconds) {
        return Map.of();
    }
}
