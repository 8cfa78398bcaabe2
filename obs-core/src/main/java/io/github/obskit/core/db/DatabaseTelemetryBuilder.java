package io.github.obskit.core.db;

import io.github.obskit.core.db.internal.JdbcInstrumentation;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link DatabaseTelemetry}. With the defaults there is nothing to configure, and
 * instrumenting a data source is one line:
 *
 * <pre>{@code
 * DataSource dataSource = DatabaseTelemetry.create(registry).wrap(hikariDataSource);
 * }</pre>
 *
 * <p>The builder adds the options:
 *
 * <pre>{@code
 * DatabaseTelemetry db = DatabaseTelemetry.builder(registry)
 *         .openTelemetry(openTelemetry)                     // a CLIENT span per statement
 *         .statisticsPollInterval(Duration.ofMinutes(1))    // storage size and index usage
 *         .build();
 * DataSource dataSource = db.wrap(hikariDataSource);
 * }</pre>
 *
 * <p>Defaults: every tag key on its default policy, no spans ({@link OpenTelemetry#noop()}), no
 * query text on spans, {@code db.system.name} detected from the database, no statistics polling
 * (and, when polling, a query timeout of {@link #DEFAULT_STATISTICS_QUERY_TIMEOUT}). Not
 * thread-safe.
 */
public final class DatabaseTelemetryBuilder {

    /** The instrumentation scope name of the spans. */
    public static final String INSTRUMENTATION_NAME = "io.github.obskit.core.db";

    /** The default query timeout of the statistics queries: five seconds. */
    public static final Duration DEFAULT_STATISTICS_QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** The default longest query text put on a span, in characters. */
    public static final int DEFAULT_MAX_QUERY_TEXT_LENGTH = 1024;

    private final MeterRegistry registry;
    private TagPolicies tagPolicies = TagPolicies.defaults();
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private boolean tracing;
    private boolean captureQueryText;
    private int maxQueryTextLength = DEFAULT_MAX_QUERY_TEXT_LENGTH;
    private String dbSystemName;
    private Duration statisticsPollInterval;
    private Duration statisticsQueryTimeout = DEFAULT_STATISTICS_QUERY_TIMEOUT;

    DatabaseTelemetryBuilder(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Overrides tag policies, for example the limit of {@code table_name}.
     *
     * @param policies the overrides
     * @return this builder
     */
    public DatabaseTelemetryBuilder tagPolicies(TagPolicies policies) {
        this.tagPolicies = Objects.requireNonNull(policies, "policies");
        return this;
    }

    /**
     * Records a CLIENT span per statement execution with this OpenTelemetry instance (named
     * {@code SELECT mydb}, with {@code db.system.name}, {@code db.operation.name}, {@code
     * db.namespace}; failures get ERROR status, {@code error.type}, {@code
     * db.response.status_code} and an exception event). Default: none.
     *
     * @param openTelemetry the application's OpenTelemetry
     * @return this builder
     */
    public DatabaseTelemetryBuilder openTelemetry(OpenTelemetry openTelemetry) {
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracing = true;
        return this;
    }

    /**
     * Puts the statement text on spans as {@code db.query.text}, with every literal (strings,
     * numbers) replaced by {@code ?} and comments removed, cut to {@link
     * #maxQueryTextLength(int)}; and records failures' exception messages, which drivers often
     * fill with the statement. Default: off, and then a failure's exception event carries only
     * its type. Metrics never carry SQL text.
     *
     * @param capture whether to capture
     * @return this builder
     */
    public DatabaseTelemetryBuilder captureQueryText(boolean capture) {
        this.captureQueryText = capture;
        return this;
    }

    /**
     * Sets the longest statement text put on a span. Default {@value
     * #DEFAULT_MAX_QUERY_TEXT_LENGTH}.
     *
     * @param characters at least 1
     * @return this builder
     */
    public DatabaseTelemetryBuilder maxQueryTextLength(int characters) {
        if (characters < 1) {
            throw new IllegalArgumentException("maxQueryTextLength must be at least 1");
        }
        this.maxQueryTextLength = characters;
        return this;
    }

    /**
     * Sets {@code db.system.name} instead of detecting it from the first connection's metadata
     * ({@code postgresql}, {@code h2database}, {@code mysql}, ..., {@code other_sql}).
     *
     * @param name an OpenTelemetry {@code db.system.name} value
     * @return this builder
     */
    public DatabaseTelemetryBuilder dbSystemName(String name) {
        this.dbSystemName = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Polls the database's own statistics every {@code interval}, off the caller's thread, on one
     * daemon thread that {@link DatabaseTelemetry#close()} stops. Default: no polling and no
     * thread.
     *
     * <ul>
     *   <li>PostgreSQL: {@code db_storage_size_bytes} is {@code
     *       pg_database_size(current_database())}; {@code db_index_usage_ratio} is, per user
     *       index, its {@code idx_scan} ({@code pg_stat_user_indexes}) over its table's {@code
     *       seq_scan + idx_scan} ({@code pg_stat_user_tables}), cumulative since the statistics
     *       were last reset, published once the table has been scanned. {@code table_name} is
     *       schema-qualified outside {@code public}.</li>
     *   <li>H2: {@code db_storage_size_bytes} is the file size ({@code info.FILE_SIZE} in {@code
     *       INFORMATION_SCHEMA.SETTINGS}); in-memory databases have no file and no such metric.
     *       H2 keeps no index usage statistics, so {@code db_index_usage_ratio} is absent.</li>
     *   <li>Other databases: neither metric is published (logged once at INFO).</li>
     * </ul>
     *
     * <p>A failed poll keeps the last values, is logged once per statistic and counted in
     * {@code obskit_db_statistics_poll_failures_total{statistic}}; polling goes on. Each query
     * has a timeout ({@link #statisticsQueryTimeout(Duration)}), so a hung database cannot hang
     * the polling thread.
     *
     * @param interval the delay between polls, at least one millisecond; {@code null} disables
     * @return this builder
     */
    public DatabaseTelemetryBuilder statisticsPollInterval(Duration interval) {
        if (interval != null && interval.toMillis() < 1) {
            throw new IllegalArgumentException("the poll interval must be at least 1 ms");
        }
        this.statisticsPollInterval = interval;
        return this;
    }

    /**
     * Sets the query timeout of each statistics query ({@code Statement.setQueryTimeout}), so
     * that a database that does not answer fails the poll (counted in {@code
     * obskit_db_statistics_poll_failures_total}) instead of holding the polling thread. JDBC
     * counts whole seconds: the timeout is rounded up to at least one second. Acquiring the
     * polling connection is bounded by the data source's own timeouts (a pool's connection
     * timeout, the driver's connect timeout), not by this one. Default {@link
     * #DEFAULT_STATISTICS_QUERY_TIMEOUT}.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public DatabaseTelemetryBuilder statisticsQueryTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the statistics query timeout must be positive");
        }
        this.statisticsQueryTimeout = timeout;
        return this;
    }

    /**
     * Builds the telemetry. Registers {@code db_connections_active} and {@code
     * db_connections_total}; starts nothing.
     *
     * @return the telemetry
     */
    public DatabaseTelemetry build() {
        DatabaseMetrics metrics = DatabaseMetrics.create(registry, tagPolicies);
        Tracing spans = tracing ? Tracing.create(openTelemetry, INSTRUMENTATION_NAME) : null;
        JdbcInstrumentation instrumentation = new JdbcInstrumentation(metrics, spans,
                captureQueryText, maxQueryTextLength, dbSystemName);
        return new DatabaseTelemetry(metrics, instrumentation, statisticsPollInterval,
                statisticsQueryTimeout);
    }
}
