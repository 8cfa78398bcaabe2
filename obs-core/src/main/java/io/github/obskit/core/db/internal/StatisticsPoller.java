package io.github.obskit.core.db.internal;

import io.github.obskit.core.db.DatabaseMetrics;
import io.github.obskit.core.internal.OnceLogger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls storage size and index usage from the database's own statistics on one daemon thread,
 * created by {@link #start()} and stopped by {@link #close()}. Polls go through the application's
 * own (uninstrumented) data source, so they do not count as queries. Each statistics query runs
 * with a query timeout, so a hung database fails the poll instead of holding the thread. A failed
 * poll (a timeout included) is logged once per statistic, counted in {@code
 * obskit.db.statistics.poll.failures}, and never thrown.
 */
public final class StatisticsPoller implements AutoCloseable {

    static final String STORAGE_SIZE = "storage_size";
    static final String INDEX_USAGE = "index_usage";

    private static final Logger LOG = LoggerFactory.getLogger("io.github.obskit");

    private final DataSource dataSource;
    private final DatabaseMetrics metrics;
    private final Duration interval;
    private final int queryTimeoutSeconds;
    private final Set<IndexId> published = new HashSet<>();
    private ScheduledExecutorService executor;
    private boolean unsupportedLogged;

    /**
     * Creates a poller; nothing runs until {@link #start()}.
     *
     * @param dataSource the application's data source
     * @param metrics where values are recorded
     * @param interval the delay between the end of one poll and the start of the next
     * @param queryTimeout the query timeout of each statistics query; JDBC counts whole seconds,
     *     so it is rounded up to at least one second
     */
    public StatisticsPoller(DataSource dataSource, DatabaseMetrics metrics, Duration interval,
            Duration queryTimeout) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.interval = interval;
        this.queryTimeoutSeconds = timeoutSeconds(queryTimeout);
    }

    /**
     * Converts a query timeout to the whole seconds JDBC takes: rounded up, at least 1, at most
     * {@link Integer#MAX_VALUE}.
     *
     * @param timeout a positive duration
     * @return the seconds
     */
    static int timeoutSeconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    /** Starts polling now and then every interval, on a daemon thread. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "obskit-db-statistics");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling and waits briefly for a poll in progress; the thread ends. */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One poll. Never throws. */
    void poll() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            StatisticsSource source = StatisticsSource.forProduct(product);
            if (source == null) {
                if (!unsupportedLogged) {
                    unsupportedLogged = true;
                    LOG.info("obskit has no storage or index statistics for {}: db_storage_size_bytes"
                            + " and db_index_usage_ratio are not published", product);
                }
                return;
            }
            pollStorage(source, connection);
            pollIndexUsage(source, connection);
        } catch (SQLException | RuntimeException | LinkageError | StackOverflowError e) {
            // Anything escaping here would cancel every later poll of the scheduled task.
            failed(STORAGE_SIZE, e);
            failed(INDEX_USAGE, e);
        }
    }

    private void pollStorage(StatisticsSource source, Connection connection) {
        try {
            OptionalDouble size = source.storageSizeBytes(connection, queryTimeoutSeconds);
            if (size.isPresent()) {
                metrics.recordStorageSize(size.getAsDouble());
            }
        } catch (SQLException | RuntimeException e) {
            failed(STORAGE_SIZE, e);
        }
    }

    private void pollIndexUsage(StatisticsSource source, Connection connection) {
        Map<IndexId, Double> ratios;
        try {
            ratios = source.indexUsage(connection, queryTimeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            failed(INDEX_USAGE, e);
            return;
        }
        for (Map.Entry<IndexId, Double> e : ratios.entrySet()) {
            metrics.recordIndexUsage(e.getKey().table, e.getKey().index, e.getValue());
            published.add(e.getKey());
        }
        published.removeIf(id -> {
            if (ratios.containsKey(id)) {
                return false;
            }
            metrics.removeIndexUsage(id.table, id.index);
            return true;
        });
    }

    private void failed(String statistic, Throwable e) {
        OnceLogger.warn("db.poll." + statistic, "Could not poll the database statistic "
                + statistic + "; it keeps its last value, and failures are counted in "
                + "obskit_db_statistics_poll_failures_total", e);
        try {
            metrics.recordStatisticsPollFailure(statistic);
        } catch (RuntimeException ignored) {
            // counting must not end the polling thread
        }
    }
}
