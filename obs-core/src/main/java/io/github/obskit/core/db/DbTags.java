package io.github.obskit.core.db;

import io.github.obskit.core.db.internal.DbSystemNames;
import io.github.obskit.core.metrics.StandardTagKeys;
import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.metrics.TagValues;
import java.util.function.Function;

/**
 * The tag keys of the database metric set, {@link DbMeters}. The spec's keys have closed sets of
 * values, except the table and index names of {@code db.index.usage.ratio}, which are bounded to
 * {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES} distinct values each by default.
 *
 * <p>{@code db.client.operation.duration} has OpenTelemetry's keys: {@link #DB_SYSTEM_NAME},
 * {@link #DB_OPERATION_NAME} (both bounded, their values come from code) and {@link
 * StandardTagKeys#ERROR_TYPE}, the one {@code error.type} key of every obskit metric (empty on
 * success, the exception class name on failure). Like every other key, their policies can be
 * overridden with {@code TagPolicies}.
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

    /**
     * The table an index belongs to, schema-qualified outside the default schema. Not bounded by
     * a tag policy, which would keep the names of dropped indexes (partitions, temporary tables)
     * for good: {@link DatabaseMetrics} publishes at most {@link
     * DatabaseMetrics#MAX_INDEX_SERIES} live indexes and removes the series of dropped ones.
     */
    public static final TagKey TABLE_NAME = TagKey.of("table_name",
            TagPolicy.map(Function.identity()),
            "The table the index belongs to, schema-qualified outside the default schema");

    /** The name of an index; limited like {@link #TABLE_NAME}. */
    public static final TagKey INDEX_NAME = TagKey.of("index_name",
            TagPolicy.map(Function.identity()),
            "The name of the index");

    /** Which polled statistic could not be read: {@code storage_size} or {@code index_usage}. */
    public static final TagKey STATISTIC = TagKey.of("statistic",
            TagPolicy.allow("storage_size", "index_usage"),
            "The polled statistic that could not be read: storage_size or index_usage");

    /** How many distinct {@code db.system.name} values are kept before recording {@code other_sql}. */
    public static final int MAX_SYSTEM_NAMES = 8;

    /**
     * How many distinct {@code db.operation.name} values are kept before recording {@code
     * _OTHER}; the SQL verbs and their batch forms that JDBC statements produce stay well below.
     */
    public static final int MAX_OPERATION_NAMES = 64;

    /**
     * OpenTelemetry {@code db.system.name}: the database product, such as {@code postgresql} or
     * {@code h2database}; one value per wrapped data source. Bounded to {@value
     * #MAX_SYSTEM_NAMES} values; a missing value and values beyond the limit are recorded as
     * {@code other_sql}, the conventions' value for an unnamed relational database.
     */
    public static final TagKey DB_SYSTEM_NAME = TagKey.of("db.system.name",
            TagPolicy.bounded(MAX_SYSTEM_NAMES).otherwise(DbSystemNames.OTHER_SQL)
                    .absentAs(DbSystemNames.OTHER_SQL),
            "OpenTelemetry db.system.name: the database product, such as postgresql or h2database");

    /**
     * OpenTelemetry {@code db.operation.name}: the SQL verb ({@code SELECT}, {@code INSERT},
     * ...), {@code BATCH <verb>} or {@code BATCH} for batches, empty (absent, to Prometheus) when
     * the verb is not a known one. Bounded to {@value #MAX_OPERATION_NAMES} values, then {@code
     * _OTHER}.
     */
    public static final TagKey DB_OPERATION_NAME = TagKey.of("db.operation.name",
            TagPolicy.bounded(MAX_OPERATION_NAMES).otherwise("_OTHER").absentAs(TagValues.ABSENT),
            "OpenTelemetry db.operation.name: the SQL verb, BATCH <verb> or BATCH for batches, "
                    + "empty when unknown");

    private DbTags() {
    }
}
