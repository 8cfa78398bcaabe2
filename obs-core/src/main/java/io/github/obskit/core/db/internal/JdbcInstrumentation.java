package io.github.obskit.core.db.internal;

import io.github.obskit.core.db.DatabaseMetrics;
import io.github.obskit.core.db.QueryType;
import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.github.obskit.core.tracing.Tracing;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the wrapped connections and statements of one data source share: the recorder, the
 * tracing helpers (or none), the query text settings and the {@code db.system.name}.
 */
public final class JdbcInstrumentation {

    private final DatabaseMetrics metrics;
    private final Tracing tracing;
    private final boolean captureQueryText;
    private final int maxQueryTextLength;
    private volatile String systemName;

    /**
     * Creates the shared state.
     *
     * @param metrics the recorder
     * @param tracing the tracing helpers, or {@code null} for no spans
     * @param captureQueryText whether spans carry the sanitized statement text and failures'
     *     exception messages
     * @param maxQueryTextLength the longest statement text put on a span
     * @param systemName the {@code db.system.name}, or {@code null} to detect it from the first
     *     connection's metadata
     */
    public JdbcInstrumentation(DatabaseMetrics metrics, Tracing tracing, boolean captureQueryText,
            int maxQueryTextLength, String systemName) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.captureQueryText = captureQueryText;
        this.maxQueryTextLength = maxQueryTextLength;
        this.systemName = systemName;
    }

    DatabaseMetrics metrics() {
        return metrics;
    }

    boolean tracing() {
        return tracing != null;
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

    /**
     * Starts the CLIENT span of one execution, not made current (nothing runs inside it but the
     * driver). Named {@code <operation> <namespace>}, {@code <operation>} without a namespace, or
     * {@code <system>} when the operation is unknown, as the conventions say.
     *
     * @return the span, or {@code null} without tracing or when it could not be started
     */
    SpanScope startSpan(String system, String operationName, String namespace, String sql,
            int batchSize) {
        if (tracing == null) {
            return null;
        }
        try {
            String spanName = operationName.isEmpty() ? system
                    : namespace != null ? operationName + ' ' + namespace : operationName;
            return tracing.span(spanName)
                    .kind(SpanKind.CLIENT)
                    .attribute(SpanAttributeKeys.DB_SYSTEM_NAME, system)
                    .attribute(SpanAttributeKeys.DB_OPERATION_NAME,
                            operationName.isEmpty() ? null : operationName)
                    .attribute(SpanAttributeKeys.DB_NAMESPACE, namespace)
                    .attribute(SpanAttributeKeys.DB_QUERY_TEXT, captureQueryText && sql != null
                            ? SqlText.sanitize(sql, maxQueryTextLength) : null)
                    .attribute(SpanAttributeKeys.DB_OPERATION_BATCH_SIZE, batchSize >= 2 ? Long.valueOf(batchSize) : null)
                    .startDetached();
        } catch (RuntimeException e) {
            OnceLogger.warn("db.span.start", "Could not start a database span", e);
            return null;
        }
    }

    /**
     * Records one execution in the metrics and ends its span. Never throws.
     *
     * @param failure what the driver threw, or {@code null}
     * @param span the span from {@link #startSpan}, or {@code null}
     */
    void recordExecution(String system, QueryType type, String operationName, Throwable failure,
            long nanos, SpanScope span) {
        metrics.recordQuery(type, failure == null, nanos);
        metrics.recordClientOperation(system, operationName, failure, nanos);
        if (span != null) {
            endSpan(span, failure);
        }
    }

    private void endSpan(SpanScope span, Throwable failure) {
        try (span) {
            if (failure == null) {
                span.success();
                return;
            }
            if (failure instanceof SQLException) {
                span.attribute(SpanAttributeKeys.DB_RESPONSE_STATUS_CODE,
                        ((SQLException) failure).getSQLState());
            }
            if (captureQueryText) {
                span.fail(failure);
            } else {
                // Driver messages often quote the statement with its literals (H2 does), so
                // without the opt-in only the exception type is recorded.
                String type = failure.getClass().getName();
                span.span().addEvent("exception", Attributes.of(SpanAttributeKeys.EXCEPTION_TYPE, type));
                span.fail(type);
            }
        } catch (RuntimeException e) {
            OnceLogger.warn("db.span.end", "Could not complete a database span", e);
        }
    }
}
