package io.github.obskit.business;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An {@link ActivityStore} in a database table that replicas share, so that each replica's
 * {@code users_active_daily} and {@code users_active_monthly} report the same distinct count.
 * Tested on H2 and PostgreSQL; other databases get portable SQL.
 *
 * <pre>{@code
 * ActivityStore store = JdbcActivityStore.create(dataSource);   // table obskit_user_activity
 * }</pre>
 *
 * <p>The table ({@code activity_day DATE, user_id VARCHAR(256)}, primary key on both) is created
 * if missing on first use. Writes are idempotent (PostgreSQL {@code ON CONFLICT DO NOTHING}, H2
 * {@code MERGE}, elsewhere a duplicate key is ignored), so replicas and retries never count a
 * user twice. Counting is one {@code COUNT(DISTINCT user_id)} over a range of the primary key.
 * Connections are taken from the data source per call and closed after it. Thread-safe.
 */
public final class JdbcActivityStore implements ActivityStore {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "obskit_user_activity";

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private enum Dialect { POSTGRESQL, H2, OTHER }

    private final DataSource dataSource;
    private final String table;
    private volatile Dialect dialect; // null until the table is known to exist

    private JdbcActivityStore(DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = table;
    }

    /**
     * Creates a store in table {@value #DEFAULT_TABLE}.
     *
     * @param dataSource where the table lives; the store takes and closes a connection per call
     * @return the store; nothing touches the database before its first use
     */
    public static JdbcActivityStore create(DataSource dataSource) {
        return create(dataSource, DEFAULT_TABLE);
    }

    /**
     * Creates a store in a table of the application's choice.
     *
     * @param dataSource where the table lives
     * @param table a plain identifier, optionally schema-qualified ({@code analytics.user_activity})
     * @return the store
     * @throws IllegalArgumentException when {@code table} is not a plain identifier
     */
    public static JdbcActivityStore create(DataSource dataSource, String table) {
        Objects.requireNonNull(table, "table");
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: '" + table + "'");
        }
        return new JdbcActivityStore(dataSource, table);
    }

    /**
     * Returns the table name.
     *
     * @return the table
     */
    public String table() {
        return table;
    }

    @Override
    public void recordActive(LocalDate day, Collection<String> userIds) throws SQLException {
        if (userIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Dialect d = ensureTable(c);
            if (d == Dialect.OTHER) {
                insertIgnoringDuplicates(c, day, userIds);
                return;
            }
            String sql = d == Dialect.POSTGRESQL
                    ? "INSERT INTO " + table + " (activity_day, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
                    : "MERGE INTO " + table + " (activity_day, user_id) KEY (activity_day, user_id) VALUES (?, ?)";
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (String user : userIds) {
                    ps.setObject(1, day);
                    ps.setString(2, user);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    @Override
    public long countDistinctUsers(LocalDate from, LocalDate to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureTable(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT user_id) FROM "
                    + table + " WHERE activity_day BETWEEN ? AND ?")) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
    }

    @Override
    public void deleteBefore(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureTable(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + " WHERE activity_day < ?")) {
                ps.setObject(1, day);
                ps.executeUpdate();
            }
        }
    }

    private Dialect ensureTable(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d != null) {
            return d;
        }
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        d = product.contains("postgres") ? Dialect.POSTGRESQL : product.contains("h2") ? Dialect.H2 : Dialect.OTHER;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (activity_day DATE NOT NULL, "
                    + "user_id VARCHAR(" + BusinessMetrics.MAX_USER_ID_LENGTH + ") NOT NULL, "
                    + "PRIMARY KEY (activity_day, user_id))");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            // Replicas starting together race here, and PostgreSQL's IF NOT EXISTS is not atomic
            // (a duplicate key on pg_type): the table exists if another replica just made it.
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            } catch (SQLException notThere) {
                e.addSuppressed(notThere);
                throw e;
            }
        }
        dialect = d;
        return d;
    }

    private void insertIgnoringDuplicates(Connection c, LocalDate day, Collection<String> userIds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (activity_day, user_id) VALUES (?, ?)")) {
            for (String user : userIds) {
                ps.setObject(1, day);
                ps.setString(2, user);
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    String state = e.getSQLState();
                    if (state == null || !state.startsWith("23")) { // 23xxx: integrity constraint
                        throw e;
                    }
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    @Override
    public String toString() {
        return "JdbcActivityStore[" + table + "]";
    }
}
