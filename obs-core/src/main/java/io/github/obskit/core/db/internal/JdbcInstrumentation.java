package io.github.obskit.core.db.internal;

import io.github.obskit.core.db.DatabaseMetrics;
import io.github.obskit.core.db.DbAttributes;
import io.github.obskit.core.db.QueryType;
import io.github.obskit.core.internal.OnceLogger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the wrapped connections and statements of one data source share: the recorder, the
 * tracer (or none), the query text settings and the {@code db.system.name}.
 */
public final class JdbcInstrumentation {

    private static final AttributeKey<String> EXCEPTION_TYPE =
            AttributeKey.stringKey("exception.type");

    private final DatabaseMetrics metrics;
    private final Tracer tracer;
    private final boolean captureQueryText;
    private final int maxQueryTextLength;
    private volatile String systemName;

    /**
     * Creates the shared state.
     *
     * @param metrics the recorder
     * @param tracer the tracer, or {@code null} for no spans
     * @param captureQueryText whether spans carry the sanitized statement text
     * @param maxQueryTextLength the longest statement text put on a span
     * @param systemName the {@code db.system.name}, or {@code null} to detect it from the first
     *     connection's metadata
     */
    public JdbcInstrumentation(DatabaseMetrics metrics, Tracer tracer, boolean captureQueryText,
            int maxQueryTextLength, String systemName) {
        this.metrics = metrics;
        this.tracer = tracer;
        this.captureQueryText = captureQueryText;
        this.maxQueryTextLength = maxQueryTextLength;
        this.systemName = systemName;
    }

    DatabaseMetrics metrics() {
        return metrics;
    }

    boolean tracing() {
        return tracer != null;
    }

    String systemName(Connection connection) {
        String name = systemName;
        if (name == null) {
            try {
                name = DbSystemNames.fromProductName(
                        connection.getMetaData().getDatabaseProductName());
            } catch (SQLException | RuntimeException e) {
                OnceLogger.warn("db.system.name", "Could not read the database product name; "
                        + "recording db.system.name=" + DbSystemNames.OTHER_SQL, e);
                name = DbSystemNames.OTHER_SQL;
            }
            systemName = name;
        }
        return name;
    }

    Span startSpan(String system, String operationName, String namespace, String sql,
            int batchSize) {
        if (tracer == null) {
            return null;
        }
        try {
            String spanName = operationName.isEmpty() ? system
                    : namespace != null ? operationName + ' ' + namespace : operationName;
            SpanBuilder builder = tracer.spanBuilder(spanName)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(DbAttributes.DB_SYSTEM_NAME, system);
            if (!operationName.isEmpty()) {
                builder.setAttribute(DbAttributes.DB_OPERATION_NAME, operationName);
            }
            if (namespace != null) {
                builder.setAttribute(DbAttributes.DB_NAMESPACE, namespace);
            }
            if (captureQueryText && sql != null) {
                builder.setAttribute(DbAttributes.DB_QUERY_TEXT,
                        SqlText.sanitize(sql, maxQueryTextLength));
            }
            if (batchSize >= 2) {
                builder.setAttribute(DbAttributes.DB_OPERATION_BATCH_SIZE, (long) batchSize);
            }
            return builder.startSpan();
        } catch (RuntimeException e) {
            OnceLogger.warn("db.span.start", "Could not start a database span", e);
            return null;
        }
    }

    void recordExecution(String system, QueryType type, String operationName, Throwable failure,
            long nanos, Span span) {
        try {
            metrics.recordQuery(type, failure == null, nanos);
            metrics.recordClientOperation(system, operationName, failure, nanos);
        } catch (RuntimeException e) {
            OnceLogger.warn("db.record.query", "Could not record a database query", e);
        }
        if (span != null) {
            try {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(DbAttributes.ERROR_TYPE, failure.getClass().getName());
                    if (failure instanceof SQLException
                            && ((SQLException) failure).getSQLState() != null) {
                        span.setAttribute(DbAttributes.DB_RESPONSE_STATUS_CODE,
                                ((SQLException) failure).getSQLState());
                    }
                    if (captureQueryText) {
                        span.recordException(failure);
                    } else {
                        // Driver messages often quote the statement with its literals (H2 does),
                        // so without the opt-in only the exception type is recorded.
                        span.addEvent("exception", Attributes.of(EXCEPTION_TYPE,
                                failure.getClass().getName()));
                    }
                }
            } catch (RuntimeException e) {
                OnceLogger.warn("db.span.end", "Could not complete a database span", e);
            } finally {
                span.end();
            }
        }
    }
}
