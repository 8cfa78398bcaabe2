package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.sql.ResultSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CLIENT spans of statements, exported by the real OpenTelemetry SDK to memory. Attribute keys
 * are checked against the published semantic conventions.
 */
class DatabaseSpansTest {

    private final InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
    private JdbcDataSource h2;
    private String databaseName;

    @BeforeEach
    void setUp() throws SQLException {
        databaseName = "db" + UUID.randomUUID().toString().replace("-", "");
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + databaseName + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100))");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        tracing.close();
    }

    private DataSource wrapped(boolean captureQueryText) {
        return DatabaseTelemetry.builder(new SimpleMeterRegistry())
                .openTelemetry(tracing.openTelemetry())
                .captureQueryText(captureQueryText)
                .build()
                .wrap(h2);
    }

    @Test
    void eachStatementIsAClientSpanWithTheSemanticConventionAttributes() throws SQLException {
        DataSource dataSource = wrapped(false);
        Span parent = tracing.openTelemetry().getTracer("test").spanBuilder("parent").startSpan();
        Scope scope = parent.makeCurrent();
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
            p.setInt(1, 1);
            p.setString(2, "alice@example.com");
            p.executeUpdate();
        } finally {
            scope.close();
            parent.end();
        }

        SpanData span = tracing.spans().stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        String catalog = databaseName.toUpperCase(java.util.Locale.ROOT);
        assertThat(span.getName()).isEqualTo("INSERT " + catalog);
        assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(span.getAttributes().get(DbAttributes.DB_SYSTEM_NAME)).isEqualTo("h2database");
        assertThat(span.getAttributes().get(DbAttributes.DB_OPERATION_NAME)).isEqualTo("INSERT");
        assertThat(span.getAttributes().get(DbAttributes.DB_NAMESPACE)).isEqualTo(catalog);
        assertThat(span.getAttributes().get(DbAttributes.DB_QUERY_TEXT)).isNull();
        assertThat(span.getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isNull();
        assertThat(span.getAttributes().size()).isEqualTo(3);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getInstrumentationScopeInfo().getName())
                .isEqualTo(DatabaseTelemetryBuilder.INSTRUMENTATION_NAME);
    }

    @Test
    void queryTextIsOptInAndHasNoLiterals() throws SQLException {
        DataSource dataSource = wrapped(true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO users VALUES (7, 'bob@example.com') -- from signup");
        }

        SpanData span = tracing.spans().get(0);
        assertThat(span.getAttributes().get(DbAttributes.DB_QUERY_TEXT))
                .isEqualTo("INSERT INTO users VALUES (?, ?)  ")
                .doesNotContain("bob@example.com");
    }

    @Test
    void aFailedStatementEndsTheSpanWithErrorButWithoutItsMessage() throws SQLException {
        DataSource dataSource = wrapped(false);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery(
                    "SELECT * FROM missing WHERE secret = 'hunter2'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("hunter2");
        }

        SpanData span = tracing.spans().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SpanAttributeKeys.ERROR_TYPE))
                .startsWith("org.h2.jdbc.");
        assertThat(span.getAttributes().get(DbAttributes.DB_RESPONSE_STATUS_CODE))
                .isEqualTo("42S02");
        List<EventData> events = span.getEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getName()).isEqualTo("exception");
        assertThat(events.get(0).getAttributes().get(ExceptionAttributes.EXCEPTION_TYPE))
                .isEqualTo(span.getAttributes().get(SpanAttributeKeys.ERROR_TYPE));
        assertThat(events.get(0).getAttributes().get(ExceptionAttributes.EXCEPTION_MESSAGE))
                .isNull();
        assertThat(events.get(0).getAttributes().asMap().toString()).doesNotContain("hunter2");
    }

    @Test
    void withQueryTextOptedInTheExceptionIsRecordedInFull() throws SQLException {
        DataSource dataSource = wrapped(true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM missing"))
                    .isInstanceOf(SQLException.class);
        }

        EventData event = tracing.spans().get(0).getEvents().get(0);
        assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_MESSAGE))
                .contains("MISSING");
    }

    @Test
    void aBatchSpanCarriesItsSize() throws SQLException {
        DataSource dataSource = wrapped(false);
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO users VALUES (?, ?)")) {
            for (int i = 0; i < 3; i++) {
                p.setInt(1, i);
                p.setString(2, "u" + i);
                p.addBatch();
            }
            p.executeBatch();
        }

        SpanData span = tracing.spans().get(0);
        assertThat(span.getAttributes().get(DbAttributes.DB_OPERATION_NAME)).isEqualTo("BATCH INSERT");
        assertThat(span.getAttributes().get(DbAttributes.DB_OPERATION_BATCH_SIZE)).isEqualTo(3L);
    }

    @Test
    void withoutOpenTelemetryNoSpanIsRecordedNotEvenByTheGlobalInstance() throws SQLException {
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(tracing.openTelemetry());
        try {
            DataSource dataSource = DatabaseTelemetry.create(new SimpleMeterRegistry()).wrap(h2);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            GlobalOpenTelemetry.getTracer("test").spanBuilder("global").startSpan().end();
        } finally {
            GlobalOpenTelemetry.resetForTest();
        }
        assertThat(tracing.spans()).as("only the test's own span reached the global SDK")
                .extracting(SpanData::getName).containsExactly("global");
    }

    @Test
    void aTracingBackendThatThrowsDoesNotReachTheApplication() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (OpenTelemetrySdk failing = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(new FailingSpanProcessor()).build())
                .build()) {
            DataSource dataSource = DatabaseTelemetry.builder(registry)
                    .openTelemetry(failing)
                    .build()
                    .wrap(h2);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO users VALUES (1, 'a')")).isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT email FROM users")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("a");
                }
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM missing"))
                        .isInstanceOf(org.h2.jdbc.JdbcSQLSyntaxErrorException.class)
                        .hasMessageContaining("MISSING");
            }
        }
        assertThat(registry.get("db.queries").tags("query_type", "select", "status", "success")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("db.queries").tags("query_type", "select", "status", "error")
                .counter().count()).isEqualTo(1);
    }

    /** A span processor with a bug: it throws when a span ends. */
    private static final class FailingSpanProcessor implements SpanProcessor {

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            throw new IllegalStateException("exporter bug");
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
