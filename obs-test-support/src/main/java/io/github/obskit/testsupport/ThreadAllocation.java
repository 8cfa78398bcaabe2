package io.github.obskit.testsupport;

import java.lang.management.ManagementFactory;

/**
 * Measures the bytes the current thread allocates while it runs a piece of code: an exact
 * per-thread figure kept by the JVM, not a timing, so tests can assert that a hot path does not
 * allocate. Warm the code up first (so it is compiled and every series exists), then measure.
 */
public final class ThreadAllocation {

    /**
     * An allowance for one-off allocation by the measurement itself; a per-operation allocation
     * over many operations is far larger (at least 16 bytes times the operation count).
     */
    public static final long ONE_OFF_ALLOWANCE_BYTES = 4_096;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThreadAllocation() {
    }

    /**
     * Runs {@code operation} {@code times} times to warm up, then {@code times} times more, and
     * returns the bytes the current thread allocated during the second round.
     *
     * @param times how many operations to run in each round; 100,000 or more gives a clear signal
     * @param operation called with the operation index, from 0 to {@code times - 1} in each round
     * @return the bytes allocated during the measured round
     */
    public static long bytesAllocatedBy(int times, IntOperation operation) {
        for (int i = 0; i < times; i++) {
            operation.run(i);
        }
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        for (int i = 0; i < times; i++) {
            operation.run(i);
        }
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }

    /** One operation, told its index so it can vary its input without allocating. */
    @FunctionalInterface
    public interface IntOperation {

        /**
         * Runs the operation once.
         *
         * @param index the operation's index in its round
         */
        void run(int index);
    }
}
