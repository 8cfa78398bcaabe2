package io.github.obskit.core.db;

import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import java.util.function.Function;

/**
 * The tag keys of the database metric set, {@link DbMeters}. Every key has a closed set of
 * values except the table and index names of {@code db.index.usage.ratio}, which are bounded to
 * {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES} distinct values each by default.
 *
 * <p>The three OpenTelemetry keys of {@code db.client.operation.duration} ({@link
 * #DB_SYSTEM_NAME}, {@link #DB_OPERATION_NAME}, {@link #ERROR_TYPE}) take their values from code
 * (one system per data source, a closed set of SQL verbs, exception class names bounded to 32)
 * and are recorded as the conventions define them, including an empty {@code error.type} on
 * success; tag policy overrides do not apply to them.
 */
public final class DbTags {

    /** Outcome of a connection acquisition: {@code success} or {@code error}. */
    public static final TagKey CONNECTION_STATUS = TagKey.of("status",
            TagPolicy.allow("success", "error"),
            "Outcome of the connection acquisition: success or error");

    /** The kind of SQL statement: see {@link QueryType}. */
    public static final TagKey QUERY_TYPE = TagKey.of("query_type",
            TagPolicy.allow(QueryType.tagValues()),
            "The kind of SQL statement, from its leading verb: select, insert, update, delete, "
                    + "ddl or other");

    /** Outcome of a statement execution: {@code success} or {@code error}. */
    public static final TagKey QUERY_STATUS = TagKey.of("status",
            TagPolicy.allow("success", "error"),
            "Outcome of the statement execution: success or error");

    /** How a transaction ended: see {@link TransactionStatus}. */
    public static final TagKey TRANSACTION_STATUS = TagKey.of("status",
            TagPolicy.allow(TransactionStatus.tagValues()),
            "How the transaction ended: commit, rollback, or error when commit or rollback failed");

    /** The table an index belongs to, schema-qualified outside the default schema. */
    public static final TagKey TABLE_NAME = TagKey.of("table_name",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The table the index belongs to, schema-qualified outside the default schema");

    /** The name of an index. */
    public static final TagKey INDEX_NAME = TagKey.of("index_name",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "The name of the index");

    /** Which polled statistic could not be read: {@code storage_size} or {@code index_usage}. */
    public static final TagKey STATISTIC = TagKey.of("statistic",
            TagPolicy.allow("storage_size", "index_usage"),
            "The polled statistic that could not be read: storage_size or index_usage");

    /**
     * OpenTelemetry {@code db.system.name}: the database product, such as {@code postgresql} or
     * {@code h2database}; one value per wrapped data source.
     */
    public static final TagKey DB_SYSTEM_NAME = TagKey.of("db.system.name",
            TagPolicy.map(Function.identity()),
            "OpenTelemetry db.system.name: the database product, such as postgresql or h2database");

    /**
     * OpenTelemetry {@code db.operation.name}: the SQL verb ({@code SELECT}, {@code INSERT},
     * ...), {@code BATCH <verb>} or {@code BATCH} for batches, empty (absent) when the verb is
     * not a known one.
     */
    public static final TagKey DB_OPERATION_NAME = TagKey.of("db.operation.name",
            TagPolicy.map(Function.identity()),
            "OpenTelemetry db.operation.name: the SQL verb, BATCH <verb> or BATCH for batches, "
                    + "empty when unknown");

    /**
     * OpenTelemetry {@code error.type}: empty (which Prometheus treats as absent) on success, the
     * exception's class name on failure; at most 32 distinct values, then
     * {@code _OTHER}.
     */
    public static final TagKey ERROR_TYPE = TagKey.of("error.type",
            TagPolicy.map(Function.identity()),
            "OpenTelemetry error.type: empty on success, the exception class name on failure");

    private DbTags() {
    }
}
