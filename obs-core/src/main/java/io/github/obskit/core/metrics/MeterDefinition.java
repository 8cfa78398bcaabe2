package io.github.obskit.core.metrics;

import io.micrometer.core.instrument.Meter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything obskit knows about one metric: Micrometer name, type, base unit, tag keys with
 * their policies, description and histogram buckets. Immutable. Catalog enums hold one per
 * constant, and docs, dashboards and alert rules are generated from them.
 *
 * <p>Names are Micrometer names (dot-separated, lower case); the Prometheus registry renders
 * them: counter {@code upload.requests} becomes {@code upload_requests_total}, timer {@code
 * upload.request.duration} becomes {@code upload_request_duration_seconds_*}, a gauge with base
 * unit {@code bytes} gets a {@code _bytes} suffix.
 *
 * <p>Each definition carries a series cap ({@link #maxSeries()}); see {@linkplain TagPolicy the
 * cardinality rule}.
 */
public final class MeterDefinition {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    private final Meter.Type type;
    private final String name;
    private final String description;
    private final String baseUnit;
    private final String unitAnnotation;
    private final List<TagKey> tagKeys;
    private final Buckets buckets;
    private final int maxSeries;
    private final double scale;

    private MeterDefinition(Builder b) {
        this.type = b.type;
        this.name = b.name;
        this.description = b.description;
        this.baseUnit = b.baseUnit;
        this.unitAnnotation = b.unitAnnotation;
        this.tagKeys = Collections.unmodifiableList(new ArrayList<>(b.tagKeys));
        this.buckets = b.buckets;
        this.maxSeries = b.maxSeries;
        this.scale = b.scale;
    }

    /**
     * Starts a counter definition.
     *
     * @param name the Micrometer name, such as {@code upload.requests}
     * @return a builder
     */
    public static Builder counter(String name) {
        return new Builder(Meter.Type.COUNTER, name);
    }

    /**
     * Starts a timer definition; its base unit is seconds and it needs {@link
     * Builder#buckets(Buckets)} in seconds.
     *
     * @param name the Micrometer name, such as {@code upload.request.duration}
     * @return a builder
     */
    public static Builder timer(String name) {
        return new Builder(Meter.Type.TIMER, name).baseUnit("seconds");
    }

    /**
     * Starts a distribution summary definition; it needs {@link Builder#buckets(Buckets)}.
     *
     * @param name the Micrometer name, such as {@code similarity.scores}
     * @return a builder
     */
    public static Builder distributionSummary(String name) {
        return new Builder(Meter.Type.DISTRIBUTION_SUMMARY, name);
    }

    /**
     * Starts a gauge definition.
     *
     * @param name the Micrometer name, such as {@code job.queue.size}
     * @return a builder
     */
    public static Builder gauge(String name) {
        return new Builder(Meter.Type.GAUGE, name);
    }

    /**
     * Returns the Micrometer meter type.
     *
     * @return the type
     */
    public Meter.Type type() {
        return type;
    }

    /**
     * Returns the Micrometer name.
     *
     * @return the dot-separated name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the description, published as the Prometheus HELP text.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Returns the base unit passed to Micrometer ({@code seconds}, {@code bytes}, ...).
     *
     * @return the base unit, or {@code null} for a dimensionless metric
     */
    public String baseUnit() {
        return baseUnit;
    }

    /**
     * Returns the OpenTelemetry unit annotation, such as {@code {token}}. Annotations document
     * what is counted; they are not units and are not passed to Micrometer (which would render
     * them into the Prometheus name).
     *
     * @return the annotation, if any
     */
    public Optional<String> unitAnnotation() {
        return Optional.ofNullable(unitAnnotation);
    }

    /**
     * Returns the tag keys in declaration order; recorders pass tag values in this order.
     *
     * @return the tag keys
     */
    public List<TagKey> tagKeys() {
        return tagKeys;
    }

    /**
     * Returns the explicit histogram buckets of a timer or distribution summary.
     *
     * @return the buckets, empty for counters and gauges
     */
    public Optional<Buckets> buckets() {
        return Optional.ofNullable(buckets);
    }

    /**
     * Returns the series cap of this metric on one registry, unless the application overrides it
     * with {@link TagPolicies.Builder#maxSeries(CatalogMeter, int)}.
     *
     * @return the cap; {@link TagPolicy#DEFAULT_MAX_SERIES} unless set
     */
    public int maxSeries() {
        return maxSeries;
    }

    /**
     * Returns the factor a distribution summary multiplies each recorded value by before it is
     * recorded, such as 100 for a 0..1 score recorded in percent.
     *
     * @return the factor; 1 unless set with {@link Builder#scale(double)}
     */
    public double scale() {
        return scale;
    }

    @Override
    public String toString() {
        return type + " " + name + tagKeys;
    }

    /** Builds a {@link MeterDefinition}. Not thread-safe. */
    public static final class Builder {

        private final Meter.Type type;
        private final String name;
        private String description;
        private String baseUnit;
        private String unitAnnotation;
        private final List<TagKey> tagKeys = new ArrayList<>();
        private Buckets buckets;
        private int maxSeries = TagPolicy.DEFAULT_MAX_SERIES;
        private double scale = 1;

        private Builder(Meter.Type type, String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a valid metric name: '" + name
                        + "' (lower case, dot-separated, e.g. upload.request.duration)");
            }
            this.type = type;
            this.name = name;
        }

        /**
         * Sets the description (required).
         *
         * @param text one sentence saying what is recorded
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * Sets the unit. A unit in braces, such as {@code {token}}, is an OpenTelemetry annotation
         * and is kept for documentation only; any other value is the Micrometer base unit.
         *
         * @param unit {@code seconds}, {@code bytes}, {@code {token}}, ...
         * @return this builder
         */
        public Builder baseUnit(String unit) {
            Objects.requireNonNull(unit, "unit");
            if (unit.startsWith("{") && unit.endsWith("}")) {
                this.unitAnnotation = unit;
                this.baseUnit = null;
            } else {
                this.baseUnit = unit;
            }
            return this;
        }

        /**
         * Sets the tag keys, in the order the recorder passes values.
         *
         * @param keys the keys; names must be distinct
         * @return this builder
         */
        public Builder tags(TagKey... keys) {
            tagKeys.clear();
            Set<String> names = new HashSet<>();
            for (TagKey key : keys) {
                if (!names.add(Objects.requireNonNull(key, "key").name())) {
                    throw new IllegalArgumentException("duplicate tag key " + key.name());
                }
                tagKeys.add(key);
            }
            return this;
        }

        /**
         * Sets explicit histogram buckets, in seconds for timers.
         *
         * @param bucketBoundaries the buckets
         * @return this builder
         */
        public Builder buckets(Buckets bucketBoundaries) {
            this.buckets = Objects.requireNonNull(bucketBoundaries, "buckets");
            return this;
        }

        /**
         * Sets the series cap of this metric on one registry (see {@linkplain
         * TagPolicy the cardinality rule}).
         *
         * @param max at least 1; {@link TagPolicy#DEFAULT_MAX_SERIES} by default
         * @return this builder
         */
        public Builder maxSeries(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSeries must be at least 1");
            }
            this.maxSeries = max;
            return this;
        }

        /**
         * Makes a distribution summary multiply every recorded value by {@code factor}, so that
         * callers keep their natural scale while the histogram gets whole-number buckets: a 0..1
         * score with {@code scale(100)} and buckets 10, 20, ..., 100 is recorded in percent.
         * The product is rounded to 9 decimal places, so a computed score of {@code 0.1 * 3} is
         * recorded as exactly 30, not 30.000000000000004, which Micrometer's fixed buckets would
         * round up to 31 and count above the 30 boundary. Sum, max and
         * buckets are all in the scaled unit; say so in the description and the unit.
         *
         * @param factor finite and greater than zero; 1 (no scaling) by default
         * @return this builder
         */
        public Builder scale(double factor) {
            if (!Double.isFinite(factor) || factor <= 0) {
                throw new IllegalArgumentException("scale must be finite and greater than zero");
            }
            this.scale = factor;
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return the definition
         * @throws IllegalStateException when the description is missing, a histogram has no
         *     buckets, or a counter or gauge has buckets
         */
        public MeterDefinition build() {
            if (description == null || description.isBlank()) {
                throw new IllegalStateException(name + ": a description is required");
            }
            boolean histogram = type == Meter.Type.TIMER || type == Meter.Type.DISTRIBUTION_SUMMARY;
            if (histogram && buckets == null) {
                throw new IllegalStateException(name + ": a histogram needs explicit buckets");
            }
            if (!histogram && buckets != null) {
                throw new IllegalStateException(name + ": only timers and summaries have buckets");
            }
            if (scale != 1 && type != Meter.Type.DISTRIBUTION_SUMMARY) {
                throw new IllegalStateException(name + ": only distribution summaries are scaled");
            }
            return new MeterDefinition(this);
        }
    }
}
