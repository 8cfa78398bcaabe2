package io.github.obskit.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationOutcomeTest {

    @Test
    void aNewOutcomeIsOpen() {
        OperationOutcome outcome = new OperationOutcome();

        assertThat(outcome.isClosed()).isFalse();
        assertThat(outcome.isFailed()).isFalse();
        assertThat(outcome.closedWithoutOutcome()).isFalse();
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.errorType()).isNull();
    }

    @Test
    void successThenCloseIsASuccess() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.succeed();

        assertThat(outcome.close()).isTrue();
        assertThat(outcome.isClosed()).isTrue();
        assertThat(outcome.isFailed()).isFalse();
        assertThat(outcome.closedWithoutOutcome()).isFalse();
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.errorType()).isNull();
    }

    @Test
    void aFailureKeepsItsExceptionAndClassNameAsErrorType() {
        OperationOutcome outcome = new OperationOutcome();
        IOException error = new IOException("disk full");

        assertThat(outcome.fail(error)).isTrue();
        assertThat(outcome.isFailed()).isTrue();
        assertThat(outcome.failure()).isSameAs(error);
        assertThat(outcome.errorType()).isEqualTo("java.io.IOException");
        assertThat(outcome.close()).isTrue();
        assertThat(outcome.closedWithoutOutcome()).isFalse();
        assertThat(outcome.errorType()).isEqualTo("java.io.IOException");
    }

    @Test
    void aNullFailureIsAFailureOfUnknownType() {
        OperationOutcome outcome = new OperationOutcome();

        assertThat(outcome.fail(null)).isTrue();
        assertThat(outcome.isFailed()).isTrue();
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.errorType()).isEqualTo(SpanScope.UNKNOWN_ERROR_TYPE).isEqualTo("_OTHER");
        outcome.close();
        assertThat(outcome.closedWithoutOutcome()).as("fail(null) is an outcome").isFalse();
    }

    @Test
    void theFirstFailureWins() {
        OperationOutcome outcome = new OperationOutcome();
        IllegalStateException first = new IllegalStateException("first");

        assertThat(outcome.fail(first)).isTrue();
        assertThat(outcome.fail(new IOException("second"))).isFalse();
        assertThat(outcome.fail(null)).isFalse();
        assertThat(outcome.failure()).isSameAs(first);
        assertThat(outcome.errorType()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void successAfterAFailureDoesNotClearIt() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.fail(new IOException("broken"));
        outcome.succeed();
        outcome.close();

        assertThat(outcome.isFailed()).isTrue();
        assertThat(outcome.errorType()).isEqualTo("java.io.IOException");
    }

    @Test
    void aFailureAfterSuccessFailsTheOperation() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.succeed();

        assertThat(outcome.fail(new IOException("late"))).isTrue();
        outcome.close();
        assertThat(outcome.isFailed()).isTrue();
        assertThat(outcome.errorType()).isEqualTo("java.io.IOException");
    }

    @Test
    void closingWithoutAnOutcomeIsAFailureOfUnknownType() {
        OperationOutcome outcome = new OperationOutcome();

        assertThat(outcome.close()).isTrue();
        assertThat(outcome.isFailed()).isTrue();
        assertThat(outcome.closedWithoutOutcome()).isTrue();
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.errorType()).isEqualTo(SpanScope.UNKNOWN_ERROR_TYPE);
    }

    @Test
    void onlyTheFirstCloseCounts() {
        OperationOutcome outcome = new OperationOutcome();

        assertThat(outcome.close()).isTrue();
        assertThat(outcome.close()).isFalse();
        assertThat(outcome.close()).isFalse();
        assertThat(outcome.closedWithoutOutcome()).isTrue();
    }

    @Test
    void successAndFailureAreIgnoredAfterClose() {
        OperationOutcome closedOpen = new OperationOutcome();
        closedOpen.close();
        closedOpen.succeed();
        assertThat(closedOpen.fail(new IOException("after close"))).isFalse();
        assertThat(closedOpen.isFailed()).isTrue();
        assertThat(closedOpen.failure()).isNull();
        assertThat(closedOpen.errorType()).isEqualTo(SpanScope.UNKNOWN_ERROR_TYPE);

        OperationOutcome closedSucceeded = new OperationOutcome();
        closedSucceeded.succeed();
        closedSucceeded.close();
        assertThat(closedSucceeded.fail(new IOException("after close"))).isFalse();
        assertThat(closedSucceeded.isFailed()).isFalse();
        assertThat(closedSucceeded.failure()).isNull();
    }

    @Test
    void concurrentFailuresAndClosesCountOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                OperationOutcome outcome = new OperationOutcome();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<boolean[]>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    IOException error = new IOException("thread " + t);
                    results.add(pool.submit(() -> {
                        go.await();
                        boolean recorded = outcome.fail(error);
                        outcome.succeed();
                        return new boolean[] {recorded, outcome.close()};
                    }));
                }
                go.countDown();
                int recordedFailures = 0;
                int firstCloses = 0;
                for (Future<boolean[]> result : results) {
                    boolean[] r = result.get(10, TimeUnit.SECONDS);
                    recordedFailures += r[0] ? 1 : 0;
                    firstCloses += r[1] ? 1 : 0;
                }
                // Every thread fails before it closes, so the first call of all is a fail: it
                // counts, and no other fail or close does.
                assertThat(recordedFailures).isEqualTo(1);
                assertThat(firstCloses).isEqualTo(1);
                assertThat(outcome.isFailed()).isTrue();
                assertThat(outcome.closedWithoutOutcome()).isFalse();
                assertThat(outcome.failure()).isInstanceOf(IOException.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
