package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.ReadmeSnippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's database section shows the bodies of {@link #oneLine} and {@link #withOptions};
 * this runs them on a real HikariCP pool over H2 and keeps the README equal to them.
 */
class ReadmeExampleTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HikariDataSource hikariDataSource;

    @BeforeEach
    void startPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        hikariDataSource = new HikariDataSource(config);
    }

    @AfterEach
    void stopPool() {
        hikariDataSource.close();
    }

    private static DataSource oneLine(MeterRegistry registry, DataSource hikariDataSource) {
        // README:db-one-line-start
        DataSource dataSource = DatabaseTelemetry.create(registry).wrap(hikariDataSource);
        // README:db-one-line-end
        return dataSource;
    }

    private record Wrapped(DatabaseTelemetry db, DataSource dataSource) {
    }

    private static Wrapped withOptions(MeterRegistry registry, OpenTelemetry openTelemetry,
            DataSource hikariDataSource) {
        // README:db-builder-start
        DatabaseTelemetry db = DatabaseTelemetry.builder(registry)
                .openTelemetry(openTelemetry)                    // optional: a CLIENT span per statement
                .statisticsPollInterval(Duration.ofMinutes(1))   // optional: storage size, index usage
                .build();
        DataSource dataSource = db.wrap(hikariDataSource);       // use this one in the application
        // README:db-builder-end
        return new Wrapped(db, dataSource);
    }

    private static void selectOne(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void theOneLineRecordsTheDatabaseMetrics() throws SQLException {
        DataSource dataSource = oneLine(registry, hikariDataSource);

        selectOne(dataSource);

        DbTestSupport recorded = new DbTestSupport(registry);
        assertThat(recorded.queries("select", "success")).isEqualTo(1);
        assertThat(recorded.connections("success")).isEqualTo(1);
        assertThat(recorded.activeConnections()).isZero();
        assertThat(recorded.operationCount("SELECT", "")).isEqualTo(1);
    }

    @Test
    void theBuilderAddsSpansAndPolling() throws SQLException {
        long pollersBefore = pollingThreads();
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry()) {
            Wrapped wrapped = withOptions(registry, tracing.openTelemetry(), hikariDataSource);
            try {
                selectOne(wrapped.dataSource());

                assertThat(pollingThreads()).isEqualTo(pollersBefore + 1);
            } finally {
                wrapped.db().close();
            }
            assertThat(new DbTestSupport(registry).queries("select", "success")).isEqualTo(1);
            assertThat(tracing.spans()).singleElement()
                    .satisfies(span -> assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT));
        }
    }

    private static long pollingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("obskit-db-statistics") && t.isAlive())
                .count();
    }

    @Test
    void theReadmeShowsExactlyTheseExamples() throws Exception {
        String source = Files.readString(
                Path.of("src/test/java/io/github/obskit/core/db/ReadmeExampleTest.java"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme)
                .contains("```java\n" + ReadmeSnippets.between(source,
                        "// README:db-one-line-start", "// README:db-one-line-end") + "```\n")
                .contains("```java\n" + ReadmeSnippets.between(source,
                        "// README:db-builder-start", "// README:db-builder-end") + "```\n");
    }
}
