package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.internal.OverflowReporter;
import io.github.obskit.core.internal.TagResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import io.micrometer.core.instrument.noop.NoopGauge;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Builds the pre-resolved meters of a metric set from catalog constants, over one registry and
 * one set of {@link TagPolicies}. A typed recorder creates one instance in its factory and keeps
 * the families it returns:
 *
 * <pre>{@code
 * MeterFamilies families = MeterFamilies.of(registry, policies);
 * MeterFamily<Counter> requests = families.counter(UploadMeters.UPLOAD_REQUESTS);
 * MeterFamily<Timer> duration = families.timer(UploadMeters.UPLOAD_REQUEST_DURATION);
 * ...
 * requests.get(method, endpoint, status).increment();
 * }</pre>
 *
 * <p>Timers and distribution summaries publish exactly the catalog's buckets (as Micrometer
 * service level objectives) and no percentile histogram. Every bounded tag key gets its {@code
 * obskit.cardinality.overflow} counter registered at zero. Registration problems (a registry
 * that refuses a meter) are logged once and recorded into a no-op meter instead of thrown.
 */
public final class MeterFamilies {

    private final MeterRegistry registry;
    private final TagPolicies policies;
    private final MeterFamily<Counter> overflowCounters;
    private final ConcurrentHashMap<String, TagResolver[]> gaugeResolvers = new ConcurrentHashMap<>();

    private MeterFamilies(MeterRegistry registry, TagPolicies policies) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.overflowCounters = new MeterFamily<>(CoreMeters.CARDINALITY_OVERFLOW.definition(),
                resolvers(CoreMeters.CARDINALITY_OVERFLOW, TagPolicies.defaults(), null),
                tags -> registerCounter(CoreMeters.CARDINALITY_OVERFLOW.definition(), tags));
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
     * Families with the application's tag policy overrides.
     *
     * @param registry where meters are registered
     * @param policies overrides of the keys' default policies
     * @return the factory
     */
    public static MeterFamilies of(MeterRegistry registry, TagPolicies policies) {
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
     * Creates the family of a counter metric.
     *
     * @param meter a catalog constant of type counter
     * @return the family
     */
    public MeterFamily<Counter> counter(CatalogMeter meter) {
        MeterDefinition d = checkType(meter, Meter.Type.COUNTER);
        return new MeterFamily<>(d, resolvers(meter, policies, this), tags -> registerCounter(d, tags));
    }

    /**
     * Creates the family of a timer metric.
     *
     * @param meter a catalog constant of type timer
     * @return the family
     */
    public MeterFamily<Timer> timer(CatalogMeter meter) {
        MeterDefinition d = checkType(meter, Meter.Type.TIMER);
        return new MeterFamily<>(d, resolvers(meter, policies, this), tags -> registerTimer(d, tags));
    }

    /**
     * Creates the family of a distribution summary metric.
     *
     * @param meter a catalog constant of type distribution summary
     * @return the family
     */
    public MeterFamily<DistributionSummary> summary(CatalogMeter meter) {
        MeterDefinition d = checkType(meter, Meter.Type.DISTRIBUTION_SUMMARY);
        return new MeterFamily<>(d, resolvers(meter, policies, this), tags -> registerSummary(d, tags));
    }

    /**
     * Registers one series of a gauge metric that reads its value from {@code state}. As with
     * Micrometer's gauges, {@code state} is held weakly: keep a reference to it, or the gauge
     * reports {@code NaN} once it is collected.
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
        MeterDefinition d = checkType(meter, Meter.Type.GAUGE);
        Objects.requireNonNull(value, "value");
        TagResolver[] resolvers = gaugeResolvers.get(d.name());
        if (resolvers == null) {
            // Not computeIfAbsent: building resolvers registers meters, whose listeners may
            // register a gauge through this same factory.
            TagResolver[] built = resolvers(meter, policies, this);
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
        Tags finalTags = tags;
        return register(d, finalTags, () -> Gauge.builder(d.name(), state, value)
                .description(d.description())
                .baseUnit(d.baseUnit())
                .tags(finalTags)
                .register(registry), id -> new NoopGauge(id));
    }

    private static MeterDefinition checkType(CatalogMeter meter, Meter.Type type) {
        MeterDefinition d = Objects.requireNonNull(meter, "meter").definition();
        if (d.type() != type) {
            throw new IllegalArgumentException(d.name() + " is a " + d.type() + ", not a " + type);
        }
        return d;
    }

    private static TagResolver[] resolvers(CatalogMeter meter, TagPolicies policies,
            MeterFamilies overflowSource) {
        List<TagKey> keys = meter.definition().tagKeys();
        TagResolver[] resolvers = new TagResolver[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            TagKey key = keys.get(i);
            TagPolicy policy = policies.policyFor(meter, key);
            if (policy.isDropped()) {
                continue;
            }
            OverflowReporter overflow = null;
            if (policy.kind() == TagPolicy.Kind.BOUNDED && overflowSource != null) {
                Counter counter = overflowSource.overflowCounters.get(meter.getName(), key.name());
                overflow = new OverflowReporter(meter.getName(), key.name(),
                        policy.maxDistinctValues(), counter);
            }
            resolvers[i] = policy.newResolver(meter.getName(), key.name(), overflow);
        }
        return resolvers;
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
        return register(d, tags, () -> DistributionSummary.builder(d.name())
                .description(d.description())
                .baseUnit(d.baseUnit())
                .tags(tags)
                .publishPercentileHistogram(false)
                .serviceLevelObjectives(boundaries)
                .register(registry), NoopDistributionSummary::new);
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
