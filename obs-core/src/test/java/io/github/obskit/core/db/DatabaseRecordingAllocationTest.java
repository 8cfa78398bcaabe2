package io.github.obskit.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.ThreadAllocation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Counts the bytes the recording thread allocates (an exact per-thread figure from the JVM, not
 * a timing) while the recorder records what one statement execution records, failures included,
 * under values it has seen before.
 */
class DatabaseRecordingAllocationTest {

    private static final int OPERATIONS = 200_000;

    @Test
    void recordingAnExecutionDoesNotAllocate() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DatabaseMetrics metrics = DatabaseMetrics.create(registry);
        SQLException failure = new SQLException("duplicate key", "23505");
        long allocated = ThreadAllocation.bytesAllocatedBy(OPERATIONS,
                i -> record(metrics, failure, i));

        // A per-operation allocation would show up as at least OPERATIONS * 16 bytes.
        assertThat(allocated).as("bytes allocated by %d recordings", OPERATIONS)
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        // Every other execution failed, in the warm-up and in the measured round.
        assertThat(new DbTestSupport(registry).operationCount("INSERT", "java.sql.SQLException"))
                .isEqualTo(OPERATIONS);
        assertThat(new DbTestSupport(registry).operationCount("INSERT", "")).isEqualTo(OPERATIONS);
    }

    private static void record(DatabaseMetrics metrics, SQLException failure, int i) {
        boolean failed = (i & 1) == 0;
        metrics.recordQuery(QueryType.INSERT, !failed, 1_000 + i % 1000);
        metrics.recordClientOperation("postgresql", "INSERT", failed ? failure : null,
                1_000 + i % 1000);
        metrics.recordTransaction(TransactionStatus.COMMIT, 5_000);
    }
}
