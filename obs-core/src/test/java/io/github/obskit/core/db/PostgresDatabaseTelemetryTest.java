package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.obskit.testsupport.PostgresExtension;
import io.github.obskit.testsupport.PostgresServer;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

/**
 * The wrapped data source on a real PostgreSQL server started on 127.0.0.1 for the test run, with
 * a fresh database per test.
 */
@ExtendWith(PostgresExtension.class)
class PostgresDatabaseTelemetryTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DbTestSupport recorded = new DbTestSupport(registry);
    private String databaseName;
    private DataSource driverDataSource;
    private DatabaseTelemetry telemetry;

    @BeforeEach
    void createDatabase(PostgresServer server) throws SQLException {
        databaseName = "obskit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        server.createDatabase(databaseName);
        driverDataSource = server.dataSource(databaseName);
        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE documents (id INT PRIMARY KEY, title TEXT NOT NULL)");
            s.execute("CREATE INDEX documents_title ON documents (title)");
        }
    }

    @AfterEach
    void closeTelemetry() {
        if (telemetry != null) {
            telemetry.close();
        }
    }

    @Test
    void countsEqualTheStatementsExecutedAndFailuresCountAsErrors() throws SQLException {
        telemetry = DatabaseTelemetry.create(registry);
        DataSource dataSource = telemetry.wrap(driverDataSource);

        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO documents (id, title) VALUES (?, ?)")) {
                for (int i = 1; i <= 10; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "doc " + i);
                    insert.executeUpdate();
                }
                insert.setInt(1, 1);
                insert.setString(2, "duplicate key");
                assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class)
                        .hasFieldOrPropertyWithValue("SQLState", "23505");
            }
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < 4; i++) {
                    try (ResultSet rs = s.executeQuery(
                            "WITH recent AS (SELECT * FROM documents) SELECT count(*) FROM recent")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(10);
                    }
                }
                assertThat(s.executeUpdate("UPDATE documents SET title = 'x' WHERE id <= 2"))
                        .isEqualTo(2);
                assertThat(s.executeUpdate("DELETE FROM documents WHERE id = 10")).isEqualTo(1);
                s.execute("ALTER TABLE documents ADD COLUMN body TEXT");
                assertThatThrownBy(() -> s.execute("SELEC broken")).isInstanceOf(SQLException.class);
            }
        }

        assertThat(recorded.queries("insert", "success")).isEqualTo(10);
        assertThat(recorded.queries("insert", "error")).isEqualTo(1);
        assertThat(recorded.queries("select", "success")).isEqualTo(4);
        assertThat(recorded.queries("update", "success")).isEqualTo(1);
        assertThat(recorded.queries("delete", "success")).isEqualTo(1);
        assertThat(recorded.queries("ddl", "success")).isEqualTo(1);
        assertThat(recorded.queries("other", "error")).isEqualTo(1);
        assertThat(recorded.queriesTotal()).isEqualTo(19);
        assertThat(recorded.queryDurationCount("insert")).isEqualTo(11);
        assertThat(registry.get("db.client.operation.duration")
                .tags("db.system.name", "postgresql", "db.operation.name", "INSERT",
                        "error.type", "org.postgresql.util.PSQLException")
                .timer().count()).isEqualTo(1);
        assertThat(recorded.operationCount("INSERT", "")).isEqualTo(10);
        assertThat(recorded.operationCount("", "org.postgresql.util.PSQLException")).isEqualTo(1);
    }

    @Test
    void rollbackCountsAsRollbackAlsoAfterAFailedStatement() throws SQLException {
        telemetry = DatabaseTelemetry.create(registry);
        DataSource dataSource = telemetry.wrap(driverDataSource);

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO documents VALUES (1, 'committed')");
                c.commit();
                s.executeUpdate("INSERT INTO documents VALUES (2, 'rolled back')");
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO documents VALUES (1, 'dup')"))
                        .isInstanceOf(SQLException.class);
                c.rollback();
            }
            c.setAutoCommit(true);
        }

        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT title FROM documents ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed");
            assertThat(rs.next()).isFalse();
        }
        assertThat(recorded.transactions("commit")).isEqualTo(1);
        assertThat(recorded.transactions("rollback")).isEqualTo(1);
        assertThat(recorded.transactionDurationCount()).isEqualTo(2);
        assertThat(recorded.queries("insert", "error")).isEqualTo(1);
    }

    @Test
    void storageSizeAndIndexUsageArePolledFromPostgresStatistics() throws SQLException {
        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO documents SELECT g, 'doc ' || g FROM generate_series(1, 500) g");
            s.execute("SET enable_seqscan = off");
            s.execute("SET enable_bitmapscan = off");
            for (int i = 1; i <= 3; i++) {
                try (ResultSet rs = s.executeQuery("SELECT title FROM documents WHERE id = " + i)) {
                    assertThat(rs.next()).isTrue();
                }
            }
            s.execute("SET enable_seqscan = on");
            s.execute("SET enable_indexscan = off");
            s.execute("SET enable_indexonlyscan = off");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM documents")) {
                rs.next();
            }
        }

        telemetry = DatabaseTelemetry.builder(registry)
                .statisticsPollInterval(Duration.ofMillis(200))
                .build();
        telemetry.wrap(driverDataSource);

        // idx_scan of the index over all scans of its table. Besides the three primary key
        // lookups and the count above, building the indexes scanned the table, so the expected
        // value is read from the views themselves; the unused title index must be exactly 0.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long indexScans = statistic("SELECT idx_scan FROM pg_stat_user_indexes "
                    + "WHERE indexrelname = 'documents_pkey'");
            long tableScans = statistic("SELECT seq_scan + idx_scan FROM pg_stat_user_tables "
                    + "WHERE relname = 'documents'");
            assertThat(indexScans).isGreaterThanOrEqualTo(3);
            Gauge pkey = recorded.indexUsage("documents", "documents_pkey");
            Gauge title = recorded.indexUsage("documents", "documents_title");
            assertThat(pkey).isNotNull();
            assertThat(title).isNotNull();
            assertThat(pkey.value()).isEqualTo((double) indexScans / tableScans);
            assertThat(pkey.value()).isBetween(0.5, 0.99);
            assertThat(title.value()).isEqualTo(0.0);
        });
        long size;
        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            size = rs.getLong(1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(recorded.storageSize()).isNotNull();
            assertThat(recorded.storageSize().value()).isEqualTo((double) size);
        });
        assertThat(size).isGreaterThan(1_000_000);
        assertThat(recorded.queriesTotal()).as("polls are not counted as queries").isZero();
        assertThat(recorded.pollFailures("storage_size")).isZero();
        assertThat(recorded.pollFailures("index_usage")).isZero();

        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP INDEX documents_title");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(recorded.indexUsage("documents", "documents_title")).isNull());
    }

    private long statistic(String sql) throws SQLException {
        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void aStatisticsQueryThatHangsTimesOutAndPollingGoesOn() throws SQLException {
        // A function and a view named like the statistics obskit reads, found before
        // pg_catalog's through the database's search_path, that do not answer for ten minutes.
        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA hung");
            s.execute("CREATE FUNCTION hung.pg_database_size(name) RETURNS bigint LANGUAGE sql "
                    + "AS 'SELECT pg_catalog.pg_sleep(600); SELECT 0::bigint'");
            s.execute("CREATE VIEW hung.pg_stat_user_indexes AS SELECT i.* FROM "
                    + "pg_catalog.pg_stat_user_indexes i, (SELECT pg_catalog.pg_sleep(600)) hang");
            s.execute("ALTER DATABASE " + databaseName
                    + " SET search_path = hung, pg_catalog, public");
        }
        telemetry = DatabaseTelemetry.builder(registry)
                .statisticsPollInterval(Duration.ofMillis(100))
                .statisticsQueryTimeout(Duration.ofMillis(300)) // JDBC rounds up to 1 s
                .build();
        telemetry.wrap(driverDataSource);

        // Without a query timeout the first poll would wait ten minutes and count nothing.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                recorded.pollFailures("storage_size") >= 2
                        && recorded.pollFailures("index_usage") >= 2);
        assertThat(recorded.storageSize()).isNull();
        assertThat(registry.find("db.index.usage.ratio").gauges()).isEmpty();
        telemetry.close();
        try (Connection c = driverDataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_stat_activity "
                        + "WHERE datname = current_database() AND query LIKE '%pg_database_size%' "
                        + "AND state = 'active' AND pid <> pg_backend_pid()")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the hung statistics query was cancelled").isZero();
        }
    }

    @Test
    void thePollingThreadIsADaemonThatCloseStops() {
        telemetry = DatabaseTelemetry.builder(registry)
                .statisticsPollInterval(Duration.ofMillis(100))
                .build();
        assertThat(pollingThreads()).as("no thread before a data source is wrapped").isZero();
        telemetry.wrap(driverDataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> pollingThreads() == 1);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("obskit-db-statistics"))
                .allMatch(Thread::isDaemon)).isTrue();

        telemetry.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> pollingThreads() == 0);
    }

    private static long pollingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("obskit-db-statistics") && t.isAlive())
                .count();
    }

    @Test
    void hikariInFrontCountsCheckoutsFromThePool() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setDataSource(driverDataSource);
        config.setMaximumPoolSize(4);
        config.setPoolName("front");
        config.setMetricRegistry(registry); // Hikari's own pool metrics, next to obskit's
        try (HikariDataSource pool = new HikariDataSource(config)) {
            telemetry = DatabaseTelemetry.create(registry);
            DataSource dataSource = telemetry.wrap(pool);
            for (int i = 0; i < 20; i++) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    assertThat(recorded.activeConnections()).isEqualTo(1);
                }
            }
            assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(pool);
            try (Connection c = dataSource.getConnection()) {
                assertThat(c.unwrap(PGConnection.class)).isNotNull();
            }
            String scrape = registry.scrape();
            assertThat(scrape).contains("hikaricp_connections_active{pool=\"front\"}")
                    .contains("db_connections_total{status=\"success\"} 21.0");
            Promtool.Result result = Promtool.checkMetrics(scrape);
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        assertThat(recorded.connections("success")).isEqualTo(21);
        assertThat(recorded.queries("select", "success")).isEqualTo(20);
        assertThat(recorded.activeConnections()).isZero();
    }

    @Test
    void hikariBehindCountsPhysicalConnections() throws SQLException {
        telemetry = DatabaseTelemetry.create(registry);
        HikariConfig config = new HikariConfig();
        config.setDataSource(telemetry.wrap(driverDataSource));
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(3);
        config.setPoolName("behind");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            for (int i = 0; i < 20; i++) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> recorded.activeConnections() == 3);
            assertThat(recorded.queries("select", "success")).isEqualTo(20);
        }
        assertThat(recorded.activeConnections()).isZero();
    }

    @Test
    void theScrapeHasTheSpecsNamesAndPassesPromtool() throws SQLException {
        telemetry = DatabaseTelemetry.builder(registry)
                .statisticsPollInterval(Duration.ofMillis(200))
                .build();
        DataSource dataSource = telemetry.wrap(driverDataSource);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO documents VALUES (1, 'a')");
                try (ResultSet rs = s.executeQuery("SELECT * FROM documents WHERE id = 1")) {
                    rs.next();
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM documents")) {
                    rs.next();
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM missing_table"))
                        .isInstanceOf(SQLException.class);
            }
            c.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.scrape().contains("db_index_usage_ratio{")
                        && registry.scrape().contains("db_storage_size_bytes "));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("# TYPE db_connections_active gauge")
                .contains("db_connections_active 0.0")
                .contains("db_connections_total{status=\"success\"} 1.0")
                .contains("db_connections_total{status=\"error\"} 0.0")
                .contains("db_queries_total{query_type=\"insert\",status=\"success\"} 1.0")
                .contains("db_queries_total{query_type=\"select\",status=\"success\"} 2.0")
                .contains("db_queries_total{query_type=\"select\",status=\"error\"} 1.0")
                .contains("db_transactions_total{status=\"rollback\"} 1.0")
                .contains("db_client_operation_duration_seconds_count{db_operation_name=\"SELECT\","
                        + "db_system_name=\"postgresql\",error_type=\"org.postgresql.util.PSQLException\"} 1")
                .contains("# TYPE db_query_duration_seconds histogram")
                .contains("db_query_duration_seconds_bucket{query_type=\"select\",le=\"0.001\"}")
                .contains("db_query_duration_seconds_bucket{query_type=\"select\",le=\"+Inf\"} 3")
                .contains("db_query_duration_seconds_count{query_type=\"select\"} 3")
                .contains("db_transactions_total{status=\"commit\"} 1.0")
                .contains("db_transaction_duration_seconds_count 2")
                .contains("# TYPE db_storage_size_bytes gauge")
                .contains("db_index_usage_ratio{index_name=\"documents_pkey\",table_name=\"documents\"}")
                .contains("db_client_operation_duration_seconds_bucket{db_operation_name=\"SELECT\","
                        + "db_system_name=\"postgresql\",error_type=\"\",le=\"0.001\"}")
                .contains("obskit_db_connections_leaked_total 0.0")
                .doesNotContain("quantile=")
                .doesNotContain("documents WHERE")
                .doesNotContain("missing_table");

        Promtool.Result result = Promtool.checkMetrics(scrape);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).isEmpty();
    }
}
