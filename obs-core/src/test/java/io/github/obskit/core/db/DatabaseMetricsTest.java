package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.metrics.Buckets;
import io.github.obskit.core.metrics.StandardTagKeys;
import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog and the typed recorder used directly. */
class DatabaseMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DbTestSupport recorded = new DbTestSupport(registry);
    private final DatabaseMetrics metrics = DatabaseMetrics.create(registry);

    @Test
    void theCatalogHasTheSpecsMetricsWithTheirLabels() {
        Map<String, String> labels = java.util.Arrays.stream(DbMeters.values())
                .collect(Collectors.toMap(DbMeters::getName, m -> m.definition().tagKeys().stream()
                        .map(TagKey::name).collect(Collectors.joining(","))));
        assertThat(labels).containsEntry("db.connections.active", "")
                .containsEntry("db.connections", "status")
                .containsEntry("db.queries", "query_type,status")
                .containsEntry("db.query.duration", "query_type")
                .containsEntry("db.transactions", "status")
                .containsEntry("db.transaction.duration", "")
                .containsEntry("db.storage.size", "")
                .containsEntry("db.index.usage.ratio", "table_name,index_name")
                .containsEntry("db.client.operation.duration",
                        "db.system.name,db.operation.name,error.type");
        assertThat(DbMeters.STORAGE_SIZE.getBaseUnit()).isEqualTo("bytes");
        assertThat(DbMeters.QUERY_DURATION.getType()).isEqualTo(Meter.Type.TIMER);
        assertThat(DbMeters.QUERY_DURATION.definition().buckets()).contains(Buckets.DATABASE_SECONDS);
        assertThat(DbMeters.CLIENT_OPERATION_DURATION.definition().buckets())
                .contains(Buckets.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10));
        assertThat(DbMeters.QUERIES.getDescription()).isEqualTo("Total number of database queries");
        assertThat(DbMeters.CLIENT_OPERATION_DURATION.definition().tagKeys())
                .contains(StandardTagKeys.ERROR_TYPE);
    }

    @Test
    void aSuccessfulClientOperationIsScrapedWithAnEmptyErrorType() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DatabaseMetrics recorder = DatabaseMetrics.create(prometheus);
        recorder.recordClientOperation("postgresql", "SELECT", null, 2_000_000);
        recorder.recordClientOperation("postgresql", "SELECT", new java.sql.SQLException(), 1);
        recorder.recordClientOperation("postgresql", "", null, 1);

        String scrape = prometheus.scrape();

        assertThat(scrape)
                .contains("db_client_operation_duration_seconds_count{db_operation_name=\"SELECT\","
                        + "db_system_name=\"postgresql\",error_type=\"\"} 1")
                .contains("db_client_operation_duration_seconds_bucket{db_operation_name=\"SELECT\","
                        + "db_system_name=\"postgresql\",error_type=\"\",le=\"0.005\"} 1")
                .contains("db_client_operation_duration_seconds_count{db_operation_name=\"SELECT\","
                        + "db_system_name=\"postgresql\",error_type=\"java.sql.SQLException\"} 1")
                .contains("db_client_operation_duration_seconds_count{db_operation_name=\"\","
                        + "db_system_name=\"postgresql\",error_type=\"\"} 1")
                .doesNotContain("error_type=\"unknown\"")
                .doesNotContain("db_operation_name=\"unknown\"");
        Promtool.Result result = Promtool.checkMetrics(scrape);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void tagPolicyOverridesApplyToTheClientOperationDuration() {
        SimpleMeterRegistry overridden = new SimpleMeterRegistry();
        DatabaseMetrics recorder = DatabaseMetrics.create(overridden, TagPolicies.builder()
                .policy(DbMeters.CLIENT_OPERATION_DURATION, "error.type", TagPolicy.drop())
                .policy(DbMeters.CLIENT_OPERATION_DURATION, "db.operation.name",
                        TagPolicy.allow("SELECT"))
                .build());
        recorder.recordClientOperation("postgresql", "SELECT", null, 1);
        recorder.recordClientOperation("postgresql", "SELECT", new java.sql.SQLException(), 1);
        recorder.recordClientOperation("postgresql", "INSERT", null, 1);

        assertThat(overridden.find("db.client.operation.duration").timers())
                .extracting(t -> t.getId().getTag("error.type")).containsOnlyNulls();
        Timer select = overridden.get("db.client.operation.duration")
                .tags("db.system.name", "postgresql", "db.operation.name", "SELECT").timer();
        assertThat(select.count()).isEqualTo(2);
        assertThat(overridden.get("db.client.operation.duration")
                .tag("db.operation.name", "_OTHER").timer().count()).isEqualTo(1);
    }

    @Test
    void nullsAndOddValuesAreRecordedSafely() {
        metrics.recordQuery(null, true, -5);
        metrics.recordTransaction(null, 1_000);
        metrics.recordStorageSize(Double.NaN);
        metrics.recordStorageSize(-1);
        metrics.recordIndexUsage("t", "i", 1.5);
        metrics.recordIndexUsage(null, null, 0.5);
        metrics.recordStatisticsPollFailure("something else");
        metrics.recordClientOperation(null, null, null, 10);

        assertThat(recorded.queries("other", "success")).isEqualTo(1);
        assertThat(recorded.transactions("error")).isEqualTo(1);
        assertThat(recorded.storageSize()).isNull();
        assertThat(recorded.indexUsage("t", "i")).isNull();
        assertThat(recorded.indexUsage("unknown", "unknown").value()).isEqualTo(0.5);
        assertThat(registry.get("obskit.db.statistics.poll.failures").tag("statistic", "other")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("db.client.operation.duration").tag("db.system.name", "other_sql")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void indexSeriesAreCappedAndCanBeRemoved() {
        for (int i = 0; i < DatabaseMetrics.MAX_INDEX_SERIES + 20; i++) {
            metrics.recordIndexUsage("t" + (i / 10), "i" + i, 0.25);
        }
        assertThat(registry.find("db.index.usage.ratio").gauges())
                .hasSize(DatabaseMetrics.MAX_INDEX_SERIES);

        metrics.recordIndexUsage("t0", "i0", 0.75);
        assertThat(recorded.indexUsage("t0", "i0").value()).isEqualTo(0.75);
        metrics.removeIndexUsage("t0", "i0");
        assertThat(recorded.indexUsage("t0", "i0")).isNull();
    }

    @Test
    void indexesPastTheTagLimitNeverShareASeries() {
        SimpleMeterRegistry limited = new SimpleMeterRegistry();
        DatabaseMetrics recorder = DatabaseMetrics.create(limited, TagPolicies.builder()
                .policy("index_name", TagPolicy.bounded(2)).build());
        DbTestSupport read = new DbTestSupport(limited);
        recorder.recordIndexUsage("t", "i0", 0.1);
        recorder.recordIndexUsage("t", "i1", 0.2);
        recorder.recordIndexUsage("t", "i2", 0.3);
        recorder.recordIndexUsage("t", "i3", 0.4);
        recorder.recordIndexUsage("t", "i3", 0.5);

        assertThat(read.indexUsage("t", "other").value()).as("i2's own ratio").isEqualTo(0.3);
        recorder.removeIndexUsage("t", "i3");
        assertThat(read.indexUsage("t", "other")).as("removing i3 keeps i2's series").isNotNull();
        recorder.removeIndexUsage("t", "i2");
        assertThat(read.indexUsage("t", "other")).isNull();
        assertThat(read.indexUsage("t", "i0").value()).isEqualTo(0.1);
    }

    @Test
    void connectionLeasesAreReleasedOnce() {
        ConnectionLease lease = metrics.connectionAcquired();
        assertThat(metrics.activeConnections()).isEqualTo(1);
        assertThat(lease.release()).isTrue();
        assertThat(lease.release()).isFalse();
        assertThat(lease.isReleased()).isTrue();
        assertThat(metrics.activeConnections()).isZero();
        metrics.connectionFailed();
        assertThat(recorded.connections("error")).isEqualTo(1);
        assertThat(recorded.connections("success")).isEqualTo(1);
    }

    @Test
    void errorTypesAreBoundedToOther() throws ReflectiveOperationException {
        for (Class<? extends Exception> type : DISTINCT_EXCEPTIONS) {
            metrics.recordClientOperation("postgresql", "SELECT",
                    type.getDeclaredConstructor().newInstance(), 1);
        }
        for (int i = 0; i < 8; i++) {
            metrics.recordClientOperation("postgresql", "SELECT",
                    new java.util.concurrent.TimeoutException(), 1);
        }
        metrics.recordClientOperation("postgresql", "SELECT", new java.sql.SQLException(), 1);

        assertThat(DISTINCT_EXCEPTIONS).hasSize(32).doesNotHaveDuplicates();
        assertThat(registry.find("db.client.operation.duration").timers()).hasSize(33);
        assertThat(recorded.operationCount("SELECT", "_OTHER")).isEqualTo(8);
        assertThat(recorded.operationCount("SELECT", "java.sql.SQLException")).isEqualTo(2);
        assertThat(registry.get("obskit.cardinality.overflow")
                .tags("metric", "db.client.operation.duration", "key", "error.type")
                .counter().count()).as("the overflow is counted in the self-metric").isEqualTo(8);
    }

    @Test
    void systemAndOperationNamesAreSanitizedAndBounded() {
        for (int i = 0; i < DbTags.MAX_OPERATION_NAMES + 5; i++) {
            metrics.recordClientOperation("postgresql", "OP" + i, null, 1);
        }
        metrics.recordClientOperation("my\ndb", "SELECT", null, 1);

        assertThat(recorded.operationCount("_OTHER", "")).isEqualTo(5);
        assertThat(registry.get("db.client.operation.duration").tag("db.system.name", "my_db")
                .timer().count()).isEqualTo(1);
    }

    private static final java.util.List<Class<? extends Exception>> DISTINCT_EXCEPTIONS =
            java.util.List.of(Exception.class, RuntimeException.class,
                    IllegalStateException.class, IllegalArgumentException.class,
                    UnsupportedOperationException.class, NullPointerException.class,
                    ArithmeticException.class, ArrayStoreException.class, ClassCastException.class,
                    IndexOutOfBoundsException.class, ArrayIndexOutOfBoundsException.class,
                    StringIndexOutOfBoundsException.class, NegativeArraySizeException.class,
                    NumberFormatException.class, SecurityException.class,
                    java.util.NoSuchElementException.class,
                    java.util.ConcurrentModificationException.class,
                    java.io.IOException.class, java.io.EOFException.class,
                    java.io.FileNotFoundException.class, java.net.SocketException.class,
                    java.net.ConnectException.class, java.sql.SQLException.class,
                    java.sql.SQLTimeoutException.class,
                    java.sql.SQLTransientConnectionException.class,
                    java.sql.SQLNonTransientConnectionException.class,
                    java.sql.SQLSyntaxErrorException.class,
                    java.sql.SQLIntegrityConstraintViolationException.class,
                    java.sql.SQLDataException.class, java.sql.SQLRecoverableException.class,
                    java.sql.SQLTransactionRollbackException.class,
                    InterruptedException.class);
}
