package io.github.obskit.core.db;

import io.github.obskit.core.db.internal.LeaseTracker;
import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.core.metrics.TagPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The typed recorder of the database metric set ({@link DbMeters}). Thread-safe; create one per
 * database and keep it. A data source wrapped by {@link DatabaseTelemetry} records everything
 * here by itself; call these methods directly only to instrument database access that does not
 * go through JDBC.
 *
 * <p>Meters are resolved once per distinct tag value and recording under values already seen
 * does not allocate. No method throws into the caller: bad values are recorded under a safe
 * value or ignored, and problems are logged once.
 *
 * <p>{@code db_connections_active} and {@code db_connections_total} (both statuses, at zero) are
 * registered when the recorder is created; the other series appear on first use. {@code
 * db_storage_size_bytes} and {@code db_index_usage_ratio} appear once a value is known, and an
 * index series disappears when {@link #removeIndexUsage(String, String)} says the index is gone.
 */
public final class DatabaseMetrics {

    /**
     * The most {@code db_index_usage_ratio} series kept; indexes beyond it are not published and
     * one warning is logged.
     */
    public static final int MAX_INDEX_SERIES = 100;

    private static final String SUCCESS = "success";
    private static final String ERROR = "error";

    private final MeterRegistry registry;
    private final MeterFamilies families;
    private final LeaseTracker leases;
    private final Counter connectionsSucceeded;
    private final Counter connectionsFailed;
    private final MeterFamily<Counter> queries;
    private final MeterFamily<Timer> queryDuration;
    private final MeterFamily<Counter> transactions;
    private final Timer transactionDuration;
    private final Counter leaked;
    private final MeterFamily<Counter> pollFailures;
    private final MeterFamily<Timer> clientOperationDuration;
    private final ConcurrentHashMap<String, IndexUsage> indexUsage = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Meter.Id, IndexUsage> indexSeriesOwners =
            new ConcurrentHashMap<>();
    private volatile double storageBytes = Double.NaN;
    private volatile boolean storageRegistered;

    private DatabaseMetrics(MeterRegistry registry, TagPolicies policies) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.families = MeterFamilies.of(registry, Objects.requireNonNull(policies, "policies"),
                java.util.List.of(DbMeters.values()));
        MeterFamily<Counter> connections = families.counter(DbMeters.CONNECTIONS);
        this.connectionsSucceeded = connections.get(SUCCESS);
        this.connectionsFailed = connections.get(ERROR);
        this.queries = families.counter(DbMeters.QUERIES);
        this.queryDuration = families.timer(DbMeters.QUERY_DURATION);
        this.transactions = families.counter(DbMeters.TRANSACTIONS);
        this.transactionDuration = families.timer(DbMeters.TRANSACTION_DURATION).get();
        this.leaked = families.counter(DbMeters.CONNECTIONS_LEAKED).get();
        this.pollFailures = families.counter(DbMeters.STATISTICS_POLL_FAILURES);
        this.clientOperationDuration = families.timer(DbMeters.CLIENT_OPERATION_DURATION);
        this.leases = new LeaseTracker(leaked::increment);
        families.gauge(DbMeters.CONNECTIONS_ACTIVE, leases, LeaseTracker::active);
    }

    /**
     * Creates the recorder with every tag key on its default policy.
     *
     * @param registry where the meters are registered
     * @return the recorder
     */
    public static DatabaseMetrics create(MeterRegistry registry) {
        return new DatabaseMetrics(registry, TagPolicies.defaults());
    }

    /**
     * Creates the recorder with the application's tag policy overrides (for example a different
     * limit for {@code table_name}).
     *
     * @param registry where the meters are registered
     * @param policies overrides of the keys' default policies
     * @return the recorder
     */
    public static DatabaseMetrics create(MeterRegistry registry, TagPolicies policies) {
        return new DatabaseMetrics(registry, policies);
    }

    /**
     * Records a successful connection acquisition: {@code db_connections_total{status="success"}}
     * goes up and {@code db_connections_active} counts the connection until the returned lease is
     * released.
     *
     * @return the lease; release it when the connection is closed
     */
    public ConnectionLease connectionAcquired() {
        try {
            connectionsSucceeded.increment();
        } catch (RuntimeException e) {
            recordingFailed(DbMeters.CONNECTIONS, e);
        }
        return new ConnectionLease(leases);
    }

    /** Records a failed connection acquisition: {@code db_connections_total{status="error"}}. */
    public void connectionFailed() {
        try {
            connectionsFailed.increment();
        } catch (RuntimeException e) {
            recordingFailed(DbMeters.CONNECTIONS, e);
        }
    }

    /**
     * Returns the value of {@code db_connections_active}: leases acquired and not released,
     * after releasing the leaked ones.
     *
     * @return the number of active connections
     */
    public long activeConnections() {
        return leases.active();
    }

    /**
     * Records one statement execution (one {@code executeBatch} counts once) in {@code
     * db_queries_total} and {@code db_query_duration_seconds}.
     *
     * @param type the statement's type; {@code null} is recorded as {@code other}
     * @param success whether it completed without an exception
     * @param durationNanos how long it took, in nanoseconds; negative values are recorded as 0
     */
    public void recordQuery(QueryType type, boolean success, long durationNanos) {
        String typeValue = (type != null ? type : QueryType.OTHER).tagValue();
        try {
            queries.get(typeValue, success ? SUCCESS : ERROR).increment();
            queryDuration.get(typeValue).record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            recordingFailed(DbMeters.QUERIES, e);
        }
    }

    /**
     * Records one ended transaction in {@code db_transactions_total} and {@code
     * db_transaction_duration_seconds}.
     *
     * @param status how it ended; {@code null} is recorded as {@code error}
     * @param durationNanos from its first statement to its end, in nanoseconds
     */
    public void recordTransaction(TransactionStatus status, long durationNanos) {
        String value = (status != null ? status : TransactionStatus.ERROR).tagValue();
        try {
            transactions.get(value).increment();
            transactionDuration.record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            recordingFailed(DbMeters.TRANSACTIONS, e);
        }
    }

    /**
     * Records one operation in OpenTelemetry's {@code db.client.operation.duration}.
     *
     * @param systemName {@code db.system.name}, such as {@code postgresql}; {@code null} is
     *     recorded as {@code other_sql}
     * @param operationName {@code db.operation.name}, such as {@code SELECT}; {@code null} or
     *     empty when unknown, recorded as the empty value (no label, to Prometheus)
     * @param error the exception the operation failed with, or {@code null} on success; its
     *     class name becomes {@code error.type} ({@link
     *     io.github.obskit.core.metrics.StandardTagKeys#ERROR_TYPE}: empty on success, at most 32
     *     distinct types, then {@code _OTHER})
     * @param durationNanos how long it took, in nanoseconds; negative values are recorded as 0
     */
    public void recordClientOperation(String systemName, String operationName, Throwable error,
            long durationNanos) {
        try {
            clientOperationDuration.get(systemName, operationName,
                    error != null ? error.getClass().getName() : null)
                    .record(Math.max(0, durationNanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            recordingFailed(DbMeters.CLIENT_OPERATION_DURATION, e);
        }
    }

    /**
     * Sets {@code db_storage_size_bytes}; the gauge is registered on the first call.
     *
     * @param bytes the size of the database; negative and non-finite values are ignored
     */
    public void recordStorageSize(double bytes) {
        if (!Double.isFinite(bytes) || bytes < 0) {
            return;
        }
        storageBytes = bytes;
        if (!storageRegistered) {
            synchronized (this) {
                if (!storageRegistered) {
                    storageRegistered = true;
                    try {
                        families.gauge(DbMeters.STORAGE_SIZE, this, m -> m.storageBytes);
                    } catch (RuntimeException e) {
                        recordingFailed(DbMeters.STORAGE_SIZE, e);
                    }
                }
            }
        }
    }

    /**
     * Sets {@code db_index_usage_ratio} for one index; its series is registered on the first
     * call. At most {@link #MAX_INDEX_SERIES} indexes are published, and of indexes whose tag
     * values coincide after the tag policies (a bounded key past its limit records {@code other})
     * only the first, so a series never reports another index's ratio.
     *
     * @param tableName the table, schema-qualified outside the default schema
     * @param indexName the index
     * @param ratio between 0 and 1; other values are ignored
     */
    public void recordIndexUsage(String tableName, String indexName, double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            return;
        }
        String key = indexKey(tableName, indexName);
        IndexUsage usage = indexUsage.get(key);
        if (usage == null) {
            if (indexUsage.size() >= MAX_INDEX_SERIES) {
                OnceLogger.warn("db.index.usage.limit", "More than " + MAX_INDEX_SERIES
                        + " indexes: db.index.usage.ratio is published for the first "
                        + MAX_INDEX_SERIES + " only", null);
                return;
            }
            usage = indexUsage.computeIfAbsent(key, k -> new IndexUsage());
            synchronized (usage) {
                if (!usage.registered) {
                    usage.registered = true;
                    publish(usage, tableName, indexName);
                }
            }
        }
        usage.ratio = ratio;
    }

    /**
     * Registers the gauge of one index, unless its tag values (after the tag policies, for
     * example a bounded {@code index_name} past its limit) name a series another index already
     * publishes: Micrometer would hand back that index's gauge, which would then report the
     * other index's ratio and disappear with either index.
     */
    private void publish(IndexUsage usage, String tableName, String indexName) {
        try {
            Gauge gauge = families.gauge(DbMeters.INDEX_USAGE_RATIO, usage, u -> u.ratio,
                    tableName, indexName);
            IndexUsage owner = indexSeriesOwners.putIfAbsent(gauge.getId(), usage);
            if (owner == null) {
                usage.gauge = gauge;
            } else {
                OnceLogger.warn("db.index.usage.collision", "Two indexes have the same "
                        + "db.index.usage.ratio series " + gauge.getId().getTags() + " after the "
                        + "tag policies; only the first is published", null);
            }
        } catch (RuntimeException e) {
            recordingFailed(DbMeters.INDEX_USAGE_RATIO, e);
        }
    }

    /**
     * Removes the {@code db_index_usage_ratio} series of an index that no longer exists or has
     * no defined ratio.
     *
     * @param tableName the table
     * @param indexName the index
     */
    public void removeIndexUsage(String tableName, String indexName) {
        IndexUsage usage = indexUsage.remove(indexKey(tableName, indexName));
        if (usage != null && usage.gauge != null) {
            try {
                indexSeriesOwners.remove(usage.gauge.getId(), usage);
                registry.remove(usage.gauge);
            } catch (RuntimeException e) {
                OnceLogger.warn("db.index.usage.remove", "Could not remove a db.index.usage.ratio "
                        + "series", e);
            }
        }
    }

    /**
     * Counts a failed poll of a database statistic in {@code
     * obskit_db_statistics_poll_failures_total}.
     *
     * @param statistic {@code storage_size} or {@code index_usage}
     */
    public void recordStatisticsPollFailure(String statistic) {
        try {
            pollFailures.get(statistic).increment();
        } catch (RuntimeException e) {
            recordingFailed(DbMeters.STATISTICS_POLL_FAILURES, e);
        }
    }

    /**
     * Returns the registry the meters are registered in.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    private static void recordingFailed(DbMeters meter, RuntimeException e) {
        OnceLogger.warn("record:" + meter.getName(), "Could not record " + meter.getName()
                + "; the application is not affected", e);
    }

    private static String indexKey(String tableName, String indexName) {
        return tableName + '\u0000' + indexName;
    }

    /** The last polled usage ratio of one index, read by its gauge. */
    private static final class IndexUsage {
        volatile double ratio = Double.NaN;
        boolean registered;
        Gauge gauge;
    }
}
