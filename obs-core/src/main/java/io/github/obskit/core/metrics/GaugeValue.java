package io.github.obskit.core.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The value behind one series of a {@link GaugeFamily}: set it ({@code user_satisfaction_score})
 * or count it up and down ({@code active_sessions}). Starts at 0. Thread-safe; no method
 * allocates. Held strongly by its family and its registry, so it never reads {@code NaN} because
 * of garbage collection.
 *
 * <p>{@link #decrement()} does not stop at zero: a counted gauge reads negative if the
 * application decrements more often than it increments, which shows the bug rather than hiding
 * it.
 */
public final class GaugeValue {

    private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0d));

    GaugeValue() {
    }

    /**
     * Sets the value.
     *
     * @param value the new value; {@code NaN} makes the series report {@code NaN}
     */
    public void set(double value) {
        bits.set(Double.doubleToRawLongBits(value));
    }

    /**
     * Adds to the value (atomically with other updates).
     *
     * @param delta the amount, negative to subtract
     */
    public void add(double delta) {
        while (true) {
            long current = bits.get();
            long next = Double.doubleToRawLongBits(Double.longBitsToDouble(current) + delta);
            if (bits.compareAndSet(current, next)) {
                return;
            }
        }
    }

    /** Adds 1, for a counted gauge such as active sessions. */
    public void increment() {
        add(1);
    }

    /** Subtracts 1, for a counted gauge; the value may go below 0 (see the class comment). */
    public void decrement() {
        add(-1);
    }

    /**
     * Returns the current value, as the gauge reports it.
     *
     * @return the value
     */
    public double value() {
        return Double.longBitsToDouble(bits.get());
    }

    @Override
    public String toString() {
        return Double.toString(value());
    }
}
