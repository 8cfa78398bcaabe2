package io.github.obskit.core.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * A distribution summary that multiplies every recorded value by a factor before recording it
 * in the registered summary, removing floating-point noise first: a computed score of {@code
 * 0.1 * 3} times 100 is {@code 30.000000000000004}, which Micrometer's fixed-boundary histogram
 * rounds up ({@code Math.ceil}) to 31 and counts above the 30 boundary (and a cosine similarity
 * of 1.0000000000000002 would land in {@code +Inf}). Rounding the product to 9 decimal places
 * records exactly 30. Everything it reports (count, sum, max, buckets) is the registered summary's, in
 * the scaled unit, so the registry's own lookups agree with it.
 */
public final class ScaledSummary implements DistributionSummary {

    private static final double NOISE = 1e9;

    private final DistributionSummary delegate;
    private final double factor;

    /**
     * Wraps a registered summary.
     *
     * @param delegate the summary the registry holds
     * @param factor the factor, such as 100 for percent
     */
    public ScaledSummary(DistributionSummary delegate, double factor) {
        this.delegate = delegate;
        this.factor = factor;
    }

    /**
     * Returns {@code value * factor}, rounded to 9 decimal places when that is exact enough to
     * matter (below a billion).
     *
     * @param value the value
     * @param factor the factor
     * @return the scaled value
     */
    public static double scale(double value, double factor) {
        double scaled = value * factor;
        if (Math.abs(scaled) < NOISE) {
            return Math.rint(scaled * NOISE) / NOISE;
        }
        return scaled;
    }

    @Override
    public void record(double amount) {
        delegate.record(scale(amount, factor));
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public double totalAmount() {
        return delegate.totalAmount();
    }

    @Override
    public double max() {
        return delegate.max();
    }

    @Override
    public HistogramSnapshot takeSnapshot() {
        return delegate.takeSnapshot();
    }

    @Override
    public Id getId() {
        return delegate.getId();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate + " (x" + factor + ")";
    }
}
