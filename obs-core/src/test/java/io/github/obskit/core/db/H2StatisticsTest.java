package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.obskit.testsupport.JsonLogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polled statistics on real H2 databases, on disk and in memory, and failing polls. Failure
 * warnings are logged once per JVM, so only the failing-poll test may let a poll fail: the
 * others stop polling before their database goes away.
 */
class H2StatisticsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DbTestSupport recorded = new DbTestSupport(registry);
    private DatabaseTelemetry telemetry;

    @AfterEach
    void tearDown() {
        if (telemetry != null) {
            telemetry.close();
        }
    }

    private DatabaseTelemetry polling() {
        telemetry = DatabaseTelemetry.builder(registry)
                .statisticsPollInterval(Duration.ofMillis(100))
                .build();
        return telemetry;
    }

    @Test
    void aFileDatabaseReportsItsFileSizeAndNoIndexUsage(@TempDir Path directory)
            throws SQLException, java.io.IOException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("app"));
        try (Connection keepOpen = h2.getConnection()) {
            try (Statement s = keepOpen.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
                s.execute("CREATE INDEX t_v ON t (v)");
                s.execute("INSERT INTO t SELECT X, 'value ' || X FROM SYSTEM_RANGE(1, 2000)");
                s.execute("CHECKPOINT");
            }
            polling().wrap(h2);

            Path file = directory.resolve("app.mv.db");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(recorded.storageSize()).isNotNull();
                assertThat(recorded.storageSize().value()).isEqualTo((double) Files.size(file));
            });
            assertThat(Files.size(file)).isGreaterThan(10_000);
            assertThat(registry.find("db.index.usage.ratio").gauges())
                    .as("H2 keeps no index usage statistics").isEmpty();
            assertThat(recorded.pollFailures("storage_size")).isZero();
            telemetry.close(); // before the database goes away under the poller
        }
    }

    @Test
    void anInMemoryDatabaseHasNoStorageSize() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        AtomicInteger connectionsOpened = new AtomicInteger();
        DataSource counting = new DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws SQLException {
                connectionsOpened.incrementAndGet();
                return super.getConnection();
            }
        };
        try (Connection keepOpen = h2.getConnection()) {
            polling().wrap(counting);
            // Polls run one after the other: once the second has started, the first is done.
            await().atMost(Duration.ofSeconds(30)).until(() -> connectionsOpened.get() >= 2);
            assertThat(recorded.storageSize()).isNull();
            assertThat(registry.find("db.index.usage.ratio").gauges()).isEmpty();
            assertThat(recorded.pollFailures("storage_size")).isZero();
            assertThat(recorded.pollFailures("index_usage")).isZero();
            telemetry.close(); // before the database goes away under the poller
            try (Statement s = keepOpen.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void failedPollsAreCountedLoggedOnceAndNeverThrown(@TempDir Path directory) {
        try (JsonLogCapture logs = new JsonLogCapture("io.github.obskit")) {
            JdbcDataSource missing = new JdbcDataSource();
            missing.setURL("jdbc:h2:file:" + directory.resolve("absent") + ";IFEXISTS=TRUE");
            polling().wrap(missing);

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    recorded.pollFailures("storage_size") >= 3
                            && recorded.pollFailures("index_usage") >= 3);

            assertThat(warningsAbout(logs, "storage_size")).isEqualTo(1);
            assertThat(warningsAbout(logs, "index_usage")).isEqualTo(1);
        }
    }

    @Test
    void theStatisticsQueryTimeoutMustBePositive() {
        DatabaseTelemetryBuilder builder = DatabaseTelemetry.builder(registry);
        assertThatThrownBy(() -> builder.statisticsQueryTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.statisticsQueryTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.statisticsQueryTimeout(null))
                .isInstanceOf(NullPointerException.class);
        assertThat(builder.statisticsQueryTimeout(Duration.ofMillis(1))).isSameAs(builder);
    }

    private static long warningsAbout(JsonLogCapture logs, String statistic) {
        return logs.events().stream()
                .filter(e -> "WARN".equals(e.get("level").asString()))
                .map(e -> e.get("message").asString())
                .filter(message -> message.contains("Could not poll the database statistic "
                        + statistic))
                .count();
    }
}
