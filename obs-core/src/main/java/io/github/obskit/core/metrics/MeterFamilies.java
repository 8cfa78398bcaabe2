package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.internal.OverflowReporter;
import io.github.obskit.core.internal.RegistryCardinality;
import io.github.obskit.core.internal.ScaledSummary;
import io.github.obskit.core.internal.SeriesCap;
import io.github.obskit.core.internal.TagResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import io.micrometer.core.instrument.noop.NoopFunctionCounter;
import io.micrometer.core.instrument.noop.NoopGauge;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Builds the pre-resolved meters of a metric set from catalog constants, over one registry and
 * one set of {@link TagPolicies}. A typed recorder creates one instance in its factory and keeps
 * the families it returns:
 *
 * <pre>{@code
 * MeterFamilies families = MeterFamilies.of(registry, policies, List.of(UploadMeters.values()));
 * MeterFamily<Counter> requests = families.counter(UploadMeters.UPLOAD_REQUESTS);
 * MeterFamily<Timer> duration = families.timer(UploadMeters.UPLOAD_REQUEST_DURATION);
 * ...
 * requests.get(method, endpoint, status).increment();
 * }</pre>
 *
 * <p>Timers and distribution summaries publish exactly the catalog's buckets (as Micrometer
 * service level objectives) and no percentile histogram; a summary with a {@link
 * MeterDefinition#scale()} records each value times that factor. Bounded keys, series caps and
 * fallback values follow {@linkplain TagPolicy the cardinality rule}: their state belongs to the
 * registry, so every instance built on one registry shares it. Registration problems (a
 * registry that refuses a meter) are logged once and recorded into a no-op meter instead of
 * thrown.
 *
 * <p>Gauges come in three forms: {@link #gaugeFamily(CatalogMeter)} for values the application
 * sets or counts (held by obskit), {@link #gauge(CatalogMeter, Object, ToDoubleFunction,
 * String...)} for state read from an object the application keeps alive (held weakly), and
 * {@link #strongGauge(CatalogMeter, Object, ToDoubleFunction, String...)} for state only the
 * gauge keeps alive (held strongly).
 */
public final class MeterFamilies {

    private final MeterRegistry registry;
    private final TagPolicies policies;
    private final RegistryCardinality shared;
    private final MeterFamily<Counter> overflowCounters;
    private final ConcurrentHashMap<String, TagResolver[]> gaugeResolvers = new ConcurrentHashMap<>();

    private MeterFamilies(MeterRegistry registry, TagPolicies policies) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.shared = RegistryCardinality.of(registry);
        // The self-metric is keyed by code-defined names only, so it needs no cap.
        this.overflowCounters = new MeterFamily<>(CoreMeters.CARDINALITY_OVERFLOW.definition(),
                resolvers(CoreMeters.CARDINALITY_OVERFLOW, TagPolicies.defaults()),
                tags -> registerCounter(CoreMeters.CARDINALITY_OVERFLOW.definition(), tags), null, null);
    }

    /**
     * Families with every tag key on its default policy.
     *
     * @param registry where meters are registered
     * @return the factory
     */
    public static MeterFamilies of(MeterRegistry registry) {
        return new MeterFamilies(registry, TagPolicies.defaults());
    }

    /**
     * Families with the application's tag policy overrides, not checked against a catalog: an
     * override naming a key no metric has is ignored. Prefer {@link #of(MeterRegistry,
     * TagPolicies, Collection)}.
     *
     * @param registry where meters are registered
     * @param policies overrides of the keys' default policies
     * @return the factory
     */
    public static MeterFamilies of(MeterRegistry registry, TagPolicies policies) {
        return new MeterFamilies(registry, policies);
    }

    /**
     * Families with the application's tag policy overrides, checked against the catalog of the
     * metric set with {@link TagPolicies#validate(Collection)}.
     *
     * @param registry where meters are registered
     * @param policies overrides of the keys' default policies
     * @param catalog every metric of the set, such as {@code List.of(RagMeters.values())}
     * @return the factory
     * @throws IllegalArgumentException when an override names a key that no metric of the
     *     catalog has, or registers values for a key that is not a registered set
     */
    public static MeterFamilies of(MeterRegistry registry, TagPolicies policies,
            Collection<? extends CatalogMeter> catalog) {
        Objects.requireNonNull(policies, "policies").validate(catalog);
        return new MeterFamilies(registry, policies);
    }

    /**
     * Returns the registry meters are registered in.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Returns the policy in force for one key of one metric.
     *
     * @param meter the metric
     * @param key one of its keys
     * @return the policy
     */
    public TagPolicy policyFor(CatalogMeter meter, TagKey key) {
        return policies.policyFor(meter, key);
    }

    /**
     * Returns the series cap in force for one metric.
     *
     * @param meter the metric
     * @return the cap this factory declares (the registry keeps the first declaration)
     */
    public int maxSeriesFor(CatalogMeter meter) {
        return policies.maxSeriesFor(meter);
    }

    /**
     * Creates the family of a counter metric.
     *
     * @param meter a catalog constant of type counter
     * @return the family
     */
    public MeterFamily<Counter> counter(CatalogMeter meter) {
        MeterDefinition d = checkType(meter, Meter.Type.COUNTER);
        return new MeterFamily<>(d, resolvers(meter, policies), tags -> registerCounter(d, tags),
                cap(meter), capOverflows(meter));
    }

    /**
     * Creates the family of a timer metric.
     *
     * @param meter a catalog constant of type timer
     * @return the family
     */
    public MeterFamily<Timer> timer(CatalogMeter meter) {
        MeterDefinition d = checkType(meter, Meter.Type.TIMER);
        return new MeterFamily<>(d, resolvers(meter, policies), tags -> registerTimer(d, tags),
                cap(meter), capOverflows(meter));
    }

    /**
     * Creates the family of a distribution summary metric. With a {@link MeterDefinition#scale()}
     * other than 1, each meter it returns multiplies recorded values by the factor (rounded to 9
     * decimal places) before they reach the registered summary.
     *
     * @param meter a catalog constant of type distribution summary
     * @return the family
     */
    public MeterFamily<DistributionSummary> summary(CatalogMeter meter) {
        MeterDefinition d = checkType(meter, Meter.Type.DISTRIBUTION_SUMMARY);
        return new MeterFamily<>(d, resolvers(meter, policies), tags -> registerSummary(d, tags),
                cap(meter), capOverflows(meter));
    }

    /**
     * Creates the family of a gauge metric whose values the application sets or counts: {@code
     * families.gaugeFamily(meter).get(userId).set(4.5)}, or {@code get().increment()} and {@code
     * decrement()}. The values are held strongly (see {@link GaugeFamily}).
     *
     * @param meter a catalog constant of type gauge
     * @return the family
     */
    public GaugeFamily gaugeFamily(CatalogMeter meter) {
        MeterDefinition d = checkType(meter, Meter.Type.GAUGE);
        ConcurrentHashMap<Object, Object> values = shared.sharedSeries(d.name());
        return new GaugeFamily(d, resolvers(meter, policies), tags -> registerGaugeValue(d, tags, values),
                cap(meter), capOverflows(meter));
    }

    /**
     * Registers one series of a gauge metric that reads its value from {@code state}. As with
     * Micrometer's gauges, {@code state} is held weakly: keep a reference to it, or the gauge
     * reports {@code NaN} once it is collected. Use {@link #strongGauge(CatalogMeter, Object,
     * ToDoubleFunction, String...)} for state nothing else references. Series registered this way
     * are not counted against the series cap: the application decides how many there are.
     *
     * @param meter a catalog constant of type gauge
     * @param state the object the value is read from
     * @param value reads the value; it should be cheap and must not block
     * @param tagValues the raw tag values, in the order of the definition's keys
     * @param <T> the type of the state object
     * @return the gauge, or a no-op gauge if the registry refused it
     */
    public <T> Gauge gauge(CatalogMeter meter, T state, ToDoubleFunction<T> value,
            String... tagValues) {
        return stateGauge(meter, state, value, false, tagValues);
    }

    /**
     * Registers one series of a gauge metric that reads its value from {@code state}, holding
     * {@code state} strongly (Micrometer's {@code strongReference(true)}): the gauge keeps it
     * alive as long as the registry holds the gauge, so a queue referenced only by its gauge
     * still reports its size after garbage collection. Otherwise as {@link #gauge(CatalogMeter,
     * Object, ToDoubleFunction, String...)}.
     *
     * @param meter a catalog constant of type gauge
     * @param state the object the value is read from
     * @param value reads the value; it should be cheap and must not block
     * @param tagValues the raw tag values, in the order of the definition's keys
     * @param <T> the type of the state object
     * @return the gauge, or a no-op gauge if the registry refused it
     */
    public <T> Gauge strongGauge(CatalogMeter meter, T state, ToDoubleFunction<T> value,
            String... tagValues) {
        return stateGauge(meter, state, value, true, tagValues);
    }

    /**
     * Registers one series of a counter metric whose count is read from {@code state}
     * (Micrometer's {@code FunctionCounter}): for totals the application accumulates itself, such
     * as obs-agent's exact decimal cost. As with Micrometer, {@code state} is held weakly: keep a
     * reference to it, or the counter stops reporting once it is collected. Tag values go through the keys' policies;
     * when two calls resolve to the same series, the registry returns the counter registered
     * first, whose state is the one read, so a caller that accumulates per series keys its
     * state by the returned counter's id. Series registered this way are not counted against
     * the series cap. The function must be monotonic, cheap and must not block.
     *
     * @param meter a catalog constant of type counter
     * @param state the object the count is read from
     * @param count reads the count
     * @param tagValues the raw tag values, in the order of the definition's keys
     * @param <T> the type of the state object
     * @return the counter, or a no-op counter if the registry refused it
     */
    public <T> FunctionCounter functionCounter(CatalogMeter meter, T state, ToDoubleFunction<T> count,
            String... tagValues) {
        MeterDefinition d = checkType(meter, Meter.Type.COUNTER);
        Objects.requireNonNull(count, "count");
        Tags tags = resolveStateTags(meter, d, tagValues);
        return register(d, tags, () -> FunctionCounter.builder(d.name(), state, count)
                .description(d.description())
                .baseUnit(d.baseUnit())
                .tags(tags)
                .register(registry), NoopFunctionCounter::new);
    }

    private <T> Gauge stateGauge(CatalogMeter meter, T state, ToDoubleFunction<T> value,
            boolean strong, String... tagValues) {
        MeterDefinition d = checkType(meter, Meter.Type.GAUGE);
        Objects.requireNonNull(value, "value");
        Tags finalTags = resolveStateTags(meter, d, tagValues);
        return register(d, finalTags, () -> Gauge.builder(d.name(), state, value)
                .description(d.description())
                .baseUnit(d.baseUnit())
                .tags(finalTags)
                .strongReference(strong)
                .register(registry), id -> new NoopGauge(id));
    }

    private Tags resolveStateTags(CatalogMeter meter, MeterDefinition d, String... tagValues) {
        TagResolver[] resolvers = gaugeResolvers.get(d.name());
        if (resolvers == null) {
            // Not computeIfAbsent: building resolvers registers meters, whose listeners may
            // register a gauge through this same factory.
            TagResolver[] built = resolvers(meter, policies);
            TagResolver[] previous = gaugeResolvers.putIfAbsent(d.name(), built);
            resolvers = previous != null ? previous : built;
        }
        Tags tags = Tags.empty();
        List<TagKey> keys = d.tagKeys();
        for (int i = 0; i < keys.size(); i++) {
            if (resolvers[i] != null) {
                String raw = tagValues != null && i < tagValues.length ? tagValues[i] : null;
                tags = tags.and(keys.get(i).name(), resolvers[i].resolve(raw));
            }
        }
        return tags;
    }

    private static MeterDefinition checkType(CatalogMeter meter, Meter.Type type) {
        MeterDefinition d = Objects.requireNonNull(meter, "meter").definition();
        if (d.type() != type) {
            throw new IllegalArgumentException(d.name() + " is a " + d.type() + ", not a " + type);
        }
        return d;
    }

    private SeriesCap cap(CatalogMeter meter) {
        String name = meter.getName();
        if (hasBoundedKey(meter)) {
            // Registered at zero, like the bounded keys' counters, so an alert sees the first one.
            overflowCounters.get(name, TagPolicy.SERIES_CAP_KEY);
        }
        return shared.seriesCap(name, policies.maxSeriesFor(meter));
    }

    private Supplier<Counter> capOverflows(CatalogMeter meter) {
        String name = meter.getName();
        return () -> overflowCounters.get(name, TagPolicy.SERIES_CAP_KEY);
    }

    private boolean hasBoundedKey(CatalogMeter meter) {
        for (TagKey key : meter.definition().tagKeys()) {
            if (policies.policyFor(meter, key).kind() == TagPolicy.Kind.BOUNDED) {
                return true;
            }
        }
        return false;
    }

    private TagResolver[] resolvers(CatalogMeter meter, TagPolicies policies) {
        List<TagKey> keys = meter.definition().tagKeys();
        TagResolver[] resolvers = new TagResolver[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            TagKey key = keys.get(i);
            TagPolicy policy = policies.policyFor(meter, key);
            if (policy.isDropped()) {
                continue;
            }
            Supplier<OverflowReporter> overflow = () -> new OverflowReporter(meter.getName(),
                    key.name(), policy.maxDistinctValues(),
                    overflowCounters.get(meter.getName(), key.name()));
            resolvers[i] = policy.newResolver(meter.getName(), key.name(), shared, overflow);
        }
        return resolvers;
    }

    private GaugeValue registerGaugeValue(MeterDefinition d, Tags tags,
            ConcurrentHashMap<Object, Object> values) {
        Object existing = values.get(tags);
        if (existing != null) {
            return (GaugeValue) existing;
        }
        GaugeValue created = new GaugeValue();
        existing = values.putIfAbsent(tags, created);
        if (existing != null) {
            return (GaugeValue) existing;
        }
        register(d, tags, () -> Gauge.builder(d.name(), created, GaugeValue::value)
                .description(d.description())
                .baseUnit(d.baseUnit())
                .tags(tags)
                .strongReference(true)
                .register(registry), id -> new NoopGauge(id));
        return created;
    }

    private Counter registerCounter(MeterDefinition d, Tags tags) {
        return register(d, tags, () -> Counter.builder(d.name())
                .description(d.description())
                .baseUnit(d.baseUnit())
                .tags(tags)
                .register(registry), NoopCounter::new);
    }

    private Timer registerTimer(MeterDefinition d, Tags tags) {
        double[] seconds = d.buckets().orElseThrow().boundaries();
        Duration[] slos = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            slos[i] = Duration.ofNanos(Math.round(seconds[i] * 1_000_000_000d));
        }
        return register(d, tags, () -> Timer.builder(d.name())
                .description(d.description())
                .tags(tags)
                .publishPercentileHistogram(false)
                .serviceLevelObjectives(slos)
                .register(registry), NoopTimer::new);
    }

    private DistributionSummary registerSummary(MeterDefinition d, Tags tags) {
        double[] boundaries = d.buckets().orElseThrow().boundaries();
        DistributionSummary summary = register(d, tags, () -> DistributionSummary.builder(d.name())
                .description(d.description())
                .baseUnit(d.baseUnit())
                .tags(tags)
                .publishPercentileHistogram(false)
                .serviceLevelObjectives(boundaries)
                .register(registry), NoopDistributionSummary::new);
        // Scaled here rather than with Micrometer's own scale(...), which multiplies without
        // removing floating-point noise, so 0.7 would land above the 70 boundary.
        return d.scale() == 1 ? summary : new ScaledSummary(summary, d.scale());
    }

    private static <M extends Meter> M register(MeterDefinition d, Tags tags,
            java.util.function.Supplier<M> registration, Function<Meter.Id, M> noop) {
        try {
            return registration.get();
        } catch (RuntimeException e) {
            OnceLogger.warn("register:" + d.name(), "Could not register " + d.name() + tags
                    + "; recording into a no-op meter instead", e);
            return noop.apply(new Meter.Id(d.name(), tags, d.baseUnit(), d.description(), d.type()));
        }
    }
}
