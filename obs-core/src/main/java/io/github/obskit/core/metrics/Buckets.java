package io.github.obskit.core.metrics;

import java.util.Arrays;

/**
 * The explicit histogram bucket boundaries of one metric, in the metric's base unit (seconds for
 * timers). Immutable.
 *
 * <p>obskit never publishes Micrometer's default percentile histogram (about 70 buckets per
 * series); every histogram declares boundaries chosen for its domain, and every alert threshold
 * is one of them. The constants follow the OpenTelemetry semantic conventions where one exists.
 */
public final class Buckets {

    /**
     * HTTP server and client durations in seconds, as in the OpenTelemetry HTTP semantic
     * conventions: 0.005 to 10 s. 10 s is the threshold of the {@code HighResponseTime} alert.
     */
    public static final Buckets HTTP_SECONDS =
            of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10);

    /**
     * Database operation durations in seconds, as in the OpenTelemetry database semantic
     * conventions: 0.001 to 10 s.
     */
    public static final Buckets DATABASE_SECONDS = of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10);

    /**
     * Generative AI operation durations in seconds, as in the OpenTelemetry GenAI semantic
     * conventions: 0.01 to 81.92 s, doubling.
     */
    public static final Buckets GEN_AI_SECONDS = of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
            2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    /**
     * Generative AI token counts, as in the OpenTelemetry GenAI semantic conventions: 1 to
     * 67,108,864, quadrupling.
     */
    public static final Buckets GEN_AI_TOKENS = of(1, 4, 16, 64, 256, 1024, 4096, 16384, 65536,
            262144, 1048576, 4194304, 16777216, 67108864);

    /**
     * Document processing and background job durations in seconds: 0.1 to 300 s. 60 s is the
     * threshold of the {@code HighDocumentProcessingTime} alert.
     */
    public static final Buckets PROCESSING_SECONDS =
            of(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300);

    /**
     * Scores in percent (0-100), 10-point steps: for a 0..1 score recorded with {@link
     * MeterDefinition.Builder#scale(double) scale(100)} and unit {@code {percent}}. Whole-number
     * boundaries, because Micrometer's fixed-boundary histograms round each value up to a whole
     * number before choosing its bucket.
     */
    public static final Buckets PERCENT = of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);

    /**
     * Scores on a 0..1 scale: 0.1 steps up to 1.
     *
     * @deprecated Micrometer's fixed-boundary histograms record {@code Math.ceil(value)}, so with
     *     these boundaries every score in (0, 1] is counted in {@code le="1.0"} and quantiles are
     *     meaningless. Record the score in percent: {@link #PERCENT} with {@link
     *     MeterDefinition.Builder#scale(double) scale(100)}. Kept so existing code compiles.
     */
    @Deprecated
    public static final Buckets UNIT_INTERVAL =
            of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);

    /** Ratings on a 1..5 scale (user satisfaction): one bucket per whole rating. */
    public static final Buckets RATING_1_TO_5 = of(1, 2, 3, 4, 5);

    private final double[] boundaries;

    private Buckets(double[] boundaries) {
        this.boundaries = boundaries;
    }

    /**
     * Creates bucket boundaries.
     *
     * @param boundaries finite, strictly increasing, greater than zero; at least one
     * @return the buckets
     * @throws IllegalArgumentException when the boundaries break one of those rules
     */
    public static Buckets of(double... boundaries) {
        if (boundaries == null || boundaries.length == 0) {
            throw new IllegalArgumentException("at least one bucket boundary is required");
        }
        double[] copy = boundaries.clone();
        double previous = 0;
        for (double b : copy) {
            if (!Double.isFinite(b) || b <= 0) {
                throw new IllegalArgumentException(
                        "bucket boundaries must be finite and greater than zero: " + b);
            }
            if (b <= previous) {
                throw new IllegalArgumentException(
                        "bucket boundaries must be strictly increasing: " + Arrays.toString(copy));
            }
            previous = b;
        }
        return new Buckets(copy);
    }

    /**
     * Returns the boundaries.
     *
     * @return a copy of the boundaries, in increasing order
     */
    public double[] boundaries() {
        return boundaries.clone();
    }

    /**
     * Tells whether {@code value} is one of the boundaries (an alert threshold must be).
     *
     * @param value the value to look for
     * @return {@code true} when {@code value} is a boundary
     */
    public boolean contains(double value) {
        return Arrays.binarySearch(boundaries, value) >= 0;
    }

    /**
     * Returns the number of boundaries.
     *
     * @return the number of finite boundaries; the scrape adds {@code +Inf}
     */
    public int size() {
        return boundaries.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Buckets && Arrays.equals(boundaries, ((Buckets) o).boundaries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(boundaries);
    }

    @Override
    public String toString() {
        return Arrays.toString(boundaries);
    }
}
