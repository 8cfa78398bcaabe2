package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
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

/** CLIENT spans of statements, exported by the real OpenTelemetry SDK to memory. */
class DatabaseSpansTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
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
        openTelemetry.close();
    }

    private DataSource wrapped(boolean captureQueryText) {
        return DatabaseTelemetry.builder(new SimpleMeterRegistry())
                .openTelemetry(openTelemetry)
                .captureQueryText(captureQueryText)
                .build()
                .wrap(h2);
    }

    @Test
    void eachStatementIsAClientSpanWithTheSemanticConventionAttributes() throws SQLException {
        DataSource dataSource = wrapped(false);
        Span parent = openTelemetry.getTracer("test").spanBuilder("parent").startSpan();
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

        SpanData span = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        String catalog = databaseName.toUpperCase(java.util.Locale.ROOT);
        assertThat(span.getName()).isEqualTo("INSERT " + catalog);
        assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(span.getAttributes().get(DbAttributes.DB_SYSTEM_NAME)).isEqualTo("h2database");
        assertThat(span.getAttributes().get(DbAttributes.DB_OPERATION_NAME)).isEqualTo("INSERT");
        assertThat(span.getAttributes().get(DbAttributes.DB_NAMESPACE)).isEqualTo(catalog);
        assertThat(span.getAttributes().get(DbAttributes.DB_QUERY_TEXT)).isNull();
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

        SpanData span = exporter.getFinishedSpanItems().get(0);
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

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(DbAttributes.ERROR_TYPE))
                .startsWith("org.h2.jdbc.");
        assertThat(span.getAttributes().get(DbAttributes.DB_RESPONSE_STATUS_CODE))
                .isEqualTo("42S02");
        List<EventData> events = span.getEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getName()).isEqualTo("exception");
        assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
                .startsWith("org.h2.jdbc.");
        assertThat(events.get(0).getAttributes().asMap().toString()).doesNotContain("hunter2");
    }

    @Test
    void withQueryTextOptedInTheExceptionIsRecordedInFull() throws SQLException {
        DataSource dataSource = wrapped(true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM missing"))
                    .isInstanceOf(SQLException.class);
        }

        EventData event = exporter.getFinishedSpanItems().get(0).getEvents().get(0);
        assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
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

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getAttributes().get(DbAttributes.DB_OPERATION_NAME)).isEqualTo("BATCH INSERT");
        assertThat(span.getAttributes().get(DbAttributes.DB_OPERATION_BATCH_SIZE)).isEqualTo(3L);
    }

    @Test
    void withoutOpenTelemetryNoSpanIsRecorded() throws SQLException {
        DataSource dataSource = DatabaseTelemetry.create(new SimpleMeterRegistry()).wrap(h2);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }
}
