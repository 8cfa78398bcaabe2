package io.github.obskit.core.db;

import io.github.obskit.core.db.internal.InstrumentedDataSource;
import io.github.obskit.core.db.internal.JdbcInstrumentation;
import io.github.obskit.core.db.internal.StatisticsPoller;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Instruments any JDBC {@link DataSource}: {@link #wrap(DataSource)} returns a data source whose
 * connections and statements record the database metric set ({@link DbMeters}) and, when an
 * {@code OpenTelemetry} instance is configured, a CLIENT span per statement. With the defaults
 * (metrics only) it is one line:
 *
 * <pre>{@code
 * DataSource dataSource = DatabaseTelemetry.create(registry).wrap(hikariDataSource);
 * }</pre>
 *
 * <p>With spans and polled statistics ({@link DatabaseTelemetryBuilder} lists every option and
 * its default):
 *
 * <pre>{@code
 * DatabaseTelemetry db = DatabaseTelemetry.builder(registry)
 *         .openTelemetry(openTelemetry)                     // optional: spans
 *         .statisticsPollInterval(Duration.ofMinutes(1))    // optional: storage and index usage
 *         .build();
 * DataSource dataSource = db.wrap(hikariDataSource);
 * ...
 * db.close();                                             // stops the polling thread
 * }</pre>
 *
 * <p>What is recorded:
 *
 * <ul>
 *   <li>{@code db_connections_total{status}}: every {@code getConnection} call, {@code error}
 *       when it throws; {@code db_connections_active}: connections obtained and not yet closed
 *       ({@code close()} and {@code abort()} count once, however often they are called; a
 *       connection that becomes unreachable without being closed is released and counted in
 *       {@code obskit_db_connections_leaked_total}).</li>
 *   <li>{@code db_queries_total{query_type,status}} and {@code
 *       db_query_duration_seconds{query_type}}: every {@code execute}, {@code executeQuery},
 *       {@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch} and {@code
 *       executeLargeBatch} of a {@code Statement}, {@code PreparedStatement} or {@code
 *       CallableStatement}; a batch counts once. {@code query_type} is a {@link QueryType}, never
 *       SQL text.</li>
 *   <li>{@code db_client_operation_duration_seconds{db_system_name,db_operation_name,
 *       error_type}}: the same executions, as OpenTelemetry's {@code
 *       db.client.operation.duration}.</li>
 *   <li>{@code db_transactions_total{status}} and {@code db_transaction_duration_seconds}: a
 *       transaction starts with the first statement executed while auto-commit is off and ends
 *       with {@code commit()}, {@code rollback()}, {@code setAutoCommit(true)} (a commit) or
 *       {@code close()} (a rollback). Statements run in auto-commit mode are not transactions
 *       here, and a commit without a statement before it is not counted.</li>
 *   <li>{@code db_storage_size_bytes} and {@code db_index_usage_ratio{table_name,index_name}}:
 *       only when {@link DatabaseTelemetryBuilder#statisticsPollInterval(Duration)} is set. See
 *       that method for what each database provides.</li>
 * </ul>
 *
 * <p>Where the wrapper sits decides what a connection is. Wrapping a pool (for example a
 * {@code HikariDataSource}) counts checkouts from the pool: {@code db_connections_active} is
 * the number of connections the application holds. Wrapping the driver's data source and
 * giving the wrapped one to the pool counts physical connections. Result sets and database
 * metadata are not wrapped ({@code ResultSet.getStatement()} returns the driver's statement).
 *
 * <p>Instrumentation never throws into the caller: a statement's own exception is rethrown
 * unchanged, and a failure to record is logged once. Create one instance per database;
 * statistics are polled through the first data source wrapped.
 */
public final class DatabaseTelemetry implements AutoCloseable {

    private final DatabaseMetrics metrics;
    private final JdbcInstrumentation instrumentation;
    private final Duration pollInterval;
    private final Duration pollQueryTimeout;
    private StatisticsPoller poller;
    private boolean closed;

    DatabaseTelemetry(DatabaseMetrics metrics, JdbcInstrumentation instrumentation,
            Duration pollInterval, Duration pollQueryTimeout) {
        this.metrics = metrics;
        this.instrumentation = instrumentation;
        this.pollInterval = pollInterval;
        this.pollQueryTimeout = pollQueryTimeout;
    }

    /**
     * Telemetry with the defaults: metrics only, no spans, no statistics polling.
     *
     * @param registry where the meters are registered
     * @return the telemetry
     */
    public static DatabaseTelemetry create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Starts a builder; its defaults are those of {@link #create(MeterRegistry)}.
     *
     * @param registry where the meters are registered
     * @return the builder
     */
    public static DatabaseTelemetryBuilder builder(MeterRegistry registry) {
        return new DatabaseTelemetryBuilder(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Returns an instrumented view of {@code dataSource}. Wrapping a data source this library
     * already instrumented returns it unchanged. {@code unwrap} and {@code isWrapperFor} reach the
     * original data source, connections and statements. If statistics polling is configured, it
     * starts with the first data source wrapped (on a daemon thread, polling through {@code
     * dataSource} itself, uncounted); after {@link #close()} it does not start again.
     *
     * @param dataSource the application's data source
     * @return the instrumented data source
     */
    public DataSource wrap(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (dataSource instanceof InstrumentedDataSource) {
            return dataSource;
        }
        synchronized (this) {
            if (pollInterval != null && poller == null && !closed) {
                poller = new StatisticsPoller(dataSource, metrics, pollInterval, pollQueryTimeout);
                poller.start();
            }
        }
        return new InstrumentedDataSource(dataSource, instrumentation);
    }

    /**
     * Returns the recorder the wrapped data sources record into.
     *
     * @return the recorder
     */
    public DatabaseMetrics metrics() {
        return metrics;
    }

    /**
     * Stops statistics polling (its thread ends). Wrapped data sources keep recording metrics.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.close();
        }
    }
}
