package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wrapped data source on a real in-memory H2 database. */
class H2DatabaseTelemetryTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DbTestSupport recorded = new DbTestSupport(registry);
    private DatabaseTelemetry telemetry;
    private JdbcDataSource h2;
    private DataSource dataSource;
    private Connection keepAlive;

    @BeforeEach
    void setUp() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("secret");
        keepAlive = h2.getConnection();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(100))");
        }
        telemetry = DatabaseTelemetry.create(registry);
        dataSource = telemetry.wrap(h2);
    }

    @AfterEach
    void tearDown() throws SQLException {
        telemetry.close();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void countsEqualTheStatementsExecuted() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                for (int i = 1; i <= 5; i++) {
                    assertThat(s.executeUpdate("INSERT INTO items VALUES (" + i + ", 'n" + i + "')"))
                            .isEqualTo(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(5);
                }
                assertThat(s.execute("/* report */ SELECT * FROM items")).isTrue();
                s.execute("CREATE INDEX items_name ON items (name)");
                assertThat(s.executeLargeUpdate("DELETE FROM items WHERE id = 5")).isEqualTo(1L);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE items SET name = ? WHERE id = ?")) {
                for (int i = 1; i <= 3; i++) {
                    p.setString(1, "renamed");
                    p.setInt(2, i);
                    assertThat(p.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement p = c.prepareStatement("  -- by id\n SELECT name FROM items WHERE id = ?")) {
                p.setInt(1, 4);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("n4");
                }
                assertThat(p.execute()).isTrue();
            }
            try (CallableStatement call = c.prepareCall("CALL 6 * 7")) {
                try (ResultSet rs = call.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
        }

        assertThat(recorded.queries("insert", "success")).isEqualTo(5);
        assertThat(recorded.queries("select", "success")).isEqualTo(4);
        assertThat(recorded.queries("ddl", "success")).isEqualTo(1);
        assertThat(recorded.queries("delete", "success")).isEqualTo(1);
        assertThat(recorded.queries("update", "success")).isEqualTo(3);
        assertThat(recorded.queries("other", "success")).isEqualTo(1);
        assertThat(recorded.queriesTotal()).isEqualTo(15);
        assertThat(recorded.queryDurationCount("insert")).isEqualTo(5);
        assertThat(recorded.queryDurationCount("select")).isEqualTo(4);
        assertThat(recorded.queryDurationCount("other")).isEqualTo(1);
        assertThat(recorded.operationCount("INSERT", "")).isEqualTo(5);
        assertThat(recorded.operationCount("SELECT", "")).isEqualTo(4);
        assertThat(recorded.operationCount("CREATE", "")).isEqualTo(1);
        assertThat(recorded.operationCount("CALL", "")).isEqualTo(1);
        assertThat(registry.find("db.client.operation.duration").tag("db.system.name", "h2database")
                .timers()).hasSize(6);
        assertThat(recorded.connections("success")).isEqualTo(1);
        assertThat(recorded.activeConnections()).isZero();
    }

    @Test
    void aFailingStatementCountsAsErrorAndItsExceptionReachesTheCaller() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM missing_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("MISSING_TABLE");
            s.executeUpdate("INSERT INTO items VALUES (1, 'a')");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO items VALUES (1, 'duplicate')"))
                    .isInstanceOf(SQLException.class);
            try (PreparedStatement p = c.prepareStatement("UPDATE items SET id = ? WHERE id = 1")) {
                p.setString(1, "not a number");
                assertThatThrownBy(p::executeUpdate).isInstanceOf(SQLException.class);
            }
        }

        assertThat(recorded.queries("select", "error")).isEqualTo(1);
        assertThat(recorded.queries("insert", "error")).isEqualTo(1);
        assertThat(recorded.queries("insert", "success")).isEqualTo(1);
        assertThat(recorded.queries("update", "error")).isEqualTo(1);
        assertThat(recorded.queryDurationCount("select")).isEqualTo(1);
        String errorType = registry.find("db.client.operation.duration")
                .tag("db.operation.name", "SELECT").timer().getId().getTag("error.type");
        assertThat(errorType).startsWith("org.h2.jdbc.").endsWith("Exception");
    }

    @Test
    void commitAndRollbackAreCountedWithTheirDuration() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO items VALUES (1, 'kept')");
                s.executeUpdate("INSERT INTO items VALUES (2, 'kept')");
                c.commit();

                s.executeUpdate("INSERT INTO items VALUES (3, 'undone')");
                c.rollback();

                c.commit(); // nothing executed since the rollback: not a transaction

                s.executeUpdate("INSERT INTO items VALUES (4, 'kept by auto-commit')");
                c.setAutoCommit(true); // commits, as JDBC says
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }

        assertThat(recorded.transactions("commit")).isEqualTo(2);
        assertThat(recorded.transactions("rollback")).isEqualTo(1);
        assertThat(recorded.transactions("error")).isZero();
        assertThat(recorded.transactionDurationCount()).isEqualTo(3);
    }

    @Test
    void closingWithAnOpenTransactionCountsAsRollback() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO items VALUES (1, 'never committed')");
        }
        c.close();
        c.close();

        assertThat(recorded.transactions("rollback")).isEqualTo(1);
        assertThat(recorded.transactionDurationCount()).isEqualTo(1);
        try (Connection check = h2.getConnection(); Statement s = check.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void statementsInAutoCommitModeAreNotTransactions() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO items VALUES (1, 'a')");
            c.commit(); // allowed by H2 in auto-commit mode; nothing to count
        }
        assertThat(recorded.transactions("commit")).isZero();
        assertThat(recorded.transactionDurationCount()).isZero();
    }

    @Test
    void aBatchCountsOnceWithTheTypeOfItsStatements() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
                for (int i = 1; i <= 4; i++) {
                    p.setInt(1, i);
                    p.setString(2, "b" + i);
                    p.addBatch();
                }
                assertThat(p.executeBatch()).containsExactly(1, 1, 1, 1);
            }
            try (Statement s = c.createStatement()) {
                s.addBatch("UPDATE items SET name = 'x' WHERE id = 1");
                s.addBatch("UPDATE items SET name = 'y' WHERE id = 2");
                s.executeBatch();
                s.addBatch("UPDATE items SET name = 'z' WHERE id = 3");
                s.addBatch("DELETE FROM items WHERE id = 4");
                s.executeLargeBatch();
            }
        }

        assertThat(recorded.queries("insert", "success")).isEqualTo(1);
        assertThat(recorded.queries("update", "success")).isEqualTo(1);
        assertThat(recorded.queries("other", "success")).isEqualTo(1);
        assertThat(recorded.queriesTotal()).isEqualTo(3);
        assertThat(recorded.operationCount("BATCH INSERT", "")).isEqualTo(1);
        assertThat(recorded.operationCount("BATCH UPDATE", "")).isEqualTo(1);
        assertThat(recorded.operationCount("BATCH", "")).isEqualTo(1);
    }

    @Test
    void aFailedAcquisitionCountsAsErrorAndIsRethrown() throws SQLException {
        assertThatThrownBy(() -> dataSource.getConnection("sa", "wrong password"))
                .isInstanceOf(SQLException.class);
        try (Connection c = dataSource.getConnection("sa", "secret")) {
            assertThat(c.isValid(1)).isTrue();
        }

        assertThat(recorded.connections("error")).isEqualTo(1);
        assertThat(recorded.connections("success")).isEqualTo(1);
        assertThat(recorded.activeConnections()).isZero();
    }

    @Test
    void theActiveGaugeReturnsToZeroAfterManyOpenCloseCyclesAcrossThreads() throws Exception {
        int threads = 8;
        int cyclesPerThread = 125;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    start.await();
                    int done = 0;
                    for (int i = 0; i < cyclesPerThread; i++) {
                        Connection c = dataSource.getConnection();
                        if (recorded.activeConnections() < 1) {
                            throw new AssertionError("an open connection is not counted as active");
                        }
                        try (Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT 1")) {
                            rs.next();
                        }
                        c.close();
                        if ((thread + i) % 10 == 0) {
                            c.close(); // a second close must not count again
                        }
                        done++;
                    }
                    return done;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            int cycles = 0;
            for (Future<Integer> f : results) {
                cycles += f.get(2, TimeUnit.MINUTES);
            }
            assertThat(cycles).isEqualTo(1_000);
        } finally {
            pool.shutdownNow();
        }

        assertThat(recorded.connections("success")).isEqualTo(1_000);
        assertThat(recorded.queries("select", "success")).isEqualTo(1_000);
        assertThat(recorded.activeConnections()).isZero();
    }

    @Test
    void theActiveGaugeCountsOpenConnections() throws SQLException {
        Connection a = dataSource.getConnection();
        Connection b = dataSource.getConnection();
        assertThat(recorded.activeConnections()).isEqualTo(2);
        a.abort(Runnable::run);
        assertThat(recorded.activeConnections()).isEqualTo(1);
        b.close();
        assertThat(recorded.activeConnections()).isZero();
    }

    @Test
    void aLeakedConnectionIsReleasedWhenItBecomesUnreachable() throws SQLException {
        leakOneConnection();
        assertThat(recorded.activeConnections()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            System.gc();
            assertThat(recorded.activeConnections()).isZero();
        });
        assertThat(recorded.leaked()).isEqualTo(1);
    }

    private void leakOneConnection() throws SQLException {
        Connection leaked = dataSource.getConnection();
        try (Statement s = leaked.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    @Test
    void unwrapAndIsWrapperForReachTheDriversObjects() throws SQLException {
        assertThat(dataSource.isWrapperFor(JdbcDataSource.class)).isTrue();
        assertThat(dataSource.unwrap(JdbcDataSource.class)).isSameAs(h2);
        assertThat(dataSource.unwrap(DataSource.class)).isSameAs(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                PreparedStatement p = c.prepareStatement("SELECT 1")) {
            assertThat(c.isWrapperFor(JdbcConnection.class)).isTrue();
            assertThat(c.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
            assertThat(c.unwrap(Connection.class)).isSameAs(c);
            assertThat(c.isWrapperFor(String.class)).isFalse();
            assertThat(s.getConnection()).isSameAs(c);
            assertThat(p.getConnection()).isSameAs(c);
            assertThat(p.unwrap(PreparedStatement.class)).isSameAs(p);
            assertThat(p.isWrapperFor(org.h2.jdbc.JdbcPreparedStatement.class)).isTrue();
            assertThat(c).isEqualTo(c).isNotEqualTo(keepAlive);
            assertThat(c.hashCode()).isEqualTo(System.identityHashCode(c));
            assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);
        }
        assertThat(telemetry.wrap(dataSource)).isSameAs(dataSource);
    }

    @Test
    void aClosedRegistryDoesNotBreakTheApplication() throws SQLException {
        registry.close();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO items VALUES (1, 'a')")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SELECT name FROM items")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void aRegistryThatFailsDoesNotBreakTheApplication() throws SQLException {
        SimpleMeterRegistry failing = new FailingRegistry();
        failing.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("db.queries")) {
                    throw new IllegalStateException("a filter bug");
                }
                return id;
            }
        });
        DataSource instrumented = DatabaseTelemetry.create(failing).wrap(h2);

        try (Connection c = instrumented.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO items VALUES (1, 'a')")).isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT name FROM items")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("a");
                }
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO items VALUES (1, 'b')"))
                        .isInstanceOf(org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException.class);
            }
            c.commit();
        }
        assertThatThrownBy(() -> instrumented.getConnection("sa", "wrong password"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Wrong user name or password");
        assertThat(failing.get("db.client.operation.duration").tag("db.operation.name", "INSERT")
                .tag("error.type", "").timer().count())
                .as("meters that do not fail still record").isEqualTo(1);
    }

    /** A registry whose counters throw when they count, as a buggy backend's might. */
    private static final class FailingRegistry extends SimpleMeterRegistry {

        @Override
        protected Counter newCounter(Meter.Id id) {
            return new CumulativeCounter(id) {
                @Override
                public void increment(double amount) {
                    throw new IllegalStateException("a backend bug");
                }
            };
        }
    }

    @Test
    void theSystemNameCanBeConfigured() throws SQLException {
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        DatabaseTelemetry configured = DatabaseTelemetry.builder(other).dbSystemName("hsqldb")
                .build();
        try (Connection c = configured.wrap(h2).getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        assertThat(other.get("db.client.operation.duration").tag("db.system.name", "hsqldb")
                .timer().count()).isEqualTo(1);
        assertThat(other.find("db.client.operation.duration").tag("db.system.name", "h2database")
                .timer()).isNull();
    }
}
