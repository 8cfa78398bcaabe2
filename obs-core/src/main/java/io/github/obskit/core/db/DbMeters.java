package io.github.obskit.core.db;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.CatalogMeter;
import io.github.obskit.core.metrics.MeterDefinition;
import io.github.obskit.core.metrics.StandardTagKeys;

/**
 * The database metric set: the spec's {@code db_*} metrics, OpenTelemetry's {@code
 * db.client.operation.duration}, and two self-metrics. Recorded by {@link DatabaseMetrics}, most
 * often through a data source wrapped by {@link DatabaseTelemetry}.
 */
public enum DbMeters implements CatalogMeter {

    /** Number of active database connections. */
    CONNECTIONS_ACTIVE(MeterDefinition.gauge("db.connections.active")
            .description("Number of active database connections")
            .build()),

    /** Total number of database connections. */
    CONNECTIONS(MeterDefinition.counter("db.connections")
            .description("Total number of database connections")
            .tags(DbTags.CONNECTION_STATUS)
            .build()),

    /** Total number of database queries. */
    QUERIES(MeterDefinition.counter("db.queries")
            .description("Total number of database queries")
            .tags(DbTags.QUERY_TYPE, DbTags.QUERY_STATUS)
            .build()),

    /** Database query duration in seconds. */
    QUERY_DURATION(MeterDefinition.timer("db.query.duration")
            .description("Database query duration in seconds")
            .tags(DbTags.QUERY_TYPE)
            .buckets(Buckets.DATABASE_SECONDS)
            .build()),

    /** Total number of database transactions. */
    TRANSACTIONS(MeterDefinition.counter("db.transactions")
            .description("Total number of database transactions")
            .tags(DbTags.TRANSACTION_STATUS)
            .build()),

    /** Database transaction duration in seconds. */
    TRANSACTION_DURATION(MeterDefinition.timer("db.transaction.duration")
            .description("Database transaction duration in seconds")
            .buckets(Buckets.DATABASE_SECONDS)
            .build()),

    /** Database storage size in bytes. */
    STORAGE_SIZE(MeterDefinition.gauge("db.storage.size")
            .description("Database storage size in bytes")
            .baseUnit("bytes")
            .build()),

    /** Database index usage ratio. */
    INDEX_USAGE_RATIO(MeterDefinition.gauge("db.index.usage.ratio")
            .description("Database index usage ratio")
            .tags(DbTags.TABLE_NAME, DbTags.INDEX_NAME)
            .build()),

    /** Duration of database client operations (OpenTelemetry semantic conventions). */
    CLIENT_OPERATION_DURATION(MeterDefinition.timer("db.client.operation.duration")
            .description("Duration of database client operations (OpenTelemetry semantic "
                    + "conventions)")
            .tags(DbTags.DB_SYSTEM_NAME, DbTags.DB_OPERATION_NAME, StandardTagKeys.ERROR_TYPE)
            .buckets(Buckets.DATABASE_SECONDS)
            .build()),

    /** Connections that became unreachable without being closed. */
    CONNECTIONS_LEAKED(MeterDefinition.counter("obskit.db.connections.leaked")
            .description("Connections that became unreachable without being closed")
            .build()),

    /** Failed polls of the database's storage and index statistics. */
    STATISTICS_POLL_FAILURES(MeterDefinition.counter("obskit.db.statistics.poll.failures")
            .description("Failed polls of the database's storage and index statistics")
            .tags(DbTags.STATISTIC)
            .build());

    private final MeterDefinition definition;

    DbMeters(MeterDefinition definition) {
        this.definition = definition;
    }

    @Override
    public MeterDefinition definition() {
        return definition;
    }
}
