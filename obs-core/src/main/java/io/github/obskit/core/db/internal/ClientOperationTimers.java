package io.github.obskit.core.db.internal;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.MeterDefinition;
import io.github.obskit.core.metrics.TagValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The series of OpenTelemetry's {@code db.client.operation.duration}. Kept apart from the
 * catalog's meter families because OpenTelemetry leaves {@code error.type} absent on success,
 * which a Prometheus scrape expresses as an empty label value ({@code error_type=""}), and
 * obskit's tag policies record empty values as {@code unknown}.
 *
 * <p>The system and operation names come from code (a closed set of verbs, one system per data
 * source); {@code error.type} is an exception class name, bounded to {@value #MAX_ERROR_TYPES}
 * distinct values, after which {@code _OTHER} is recorded as the conventions say.
 */
public final class ClientOperationTimers {

    /** Distinct {@code error.type} values before {@code _OTHER}. */
    public static final int MAX_ERROR_TYPES = 32;

    private static final int MAX_SERIES = 1_000;
    private static final String OTHER_ERROR = "_OTHER";

    private final MeterRegistry registry;
    private final MeterDefinition definition;
    private final Duration[] buckets;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<String, Timer>>>
            timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Boolean> errorTypes = new ConcurrentHashMap<>();
    private final AtomicInteger series = new AtomicInteger();

    /**
     * Creates the series holder.
     *
     * @param registry where timers are registered
     * @param definition the catalog definition of {@code db.client.operation.duration}
     */
    public ClientOperationTimers(MeterRegistry registry, MeterDefinition definition) {
        this.registry = registry;
        this.definition = definition;
        double[] seconds = definition.buckets().orElseThrow().boundaries();
        this.buckets = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(seconds[i] * 1_000_000_000d));
        }
    }

    /**
     * Records one operation. Never throws.
     *
     * @param system {@code db.system.name}
     * @param operation {@code db.operation.name}, empty when unknown
     * @param error the failure, or {@code null}
     * @param nanos the duration
     */
    public void record(String system, String operation, Throwable error, long nanos) {
        try {
            String sys = system != null ? system : "other_sql";
            String op = operation != null ? operation : "";
            String errorType = errorType(error);
            Timer timer = timers.computeIfAbsent(sys, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(op, k -> new ConcurrentHashMap<>())
                    .get(errorType);
            if (timer == null) {
                timer = register(sys, op, errorType);
            }
            timer.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            OnceLogger.warn("record:" + definition.name(), "Could not record "
                    + definition.name(), e);
        }
    }

    private String errorType(Throwable error) {
        if (error == null) {
            return "";
        }
        String name = error.getClass().getName();
        if (errorTypes.containsKey(name)) {
            return name;
        }
        if (errorTypes.size() >= MAX_ERROR_TYPES) {
            return OTHER_ERROR;
        }
        errorTypes.putIfAbsent(name, Boolean.TRUE);
        return name;
    }

    private Timer register(String system, String operation, String errorType) {
        ConcurrentHashMap<String, Timer> byError = timers.get(system).get(operation);
        return byError.computeIfAbsent(errorType, e -> {
            if (series.incrementAndGet() > MAX_SERIES) {
                OnceLogger.warn("series:" + definition.name(), definition.name()
                        + " reached " + MAX_SERIES + " series; further ones are not recorded",
                        null);
                return new NoopTimer(new Meter.Id(definition.name(),
                        Tags.empty(), null, definition.description(),
                        Meter.Type.TIMER));
            }
            Tags tags = Tags.of("db.system.name", TagValues.sanitize(system),
                    "db.operation.name", operation, "error.type", e);
            try {
                return Timer.builder(definition.name())
                        .description(definition.description())
                        .tags(tags)
                        .publishPercentileHistogram(false)
                        .serviceLevelObjectives(buckets)
                        .register(registry);
            } catch (RuntimeException ex) {
                OnceLogger.warn("register:" + definition.name(), "Could not register "
                        + definition.name() + tags + "; recording into a no-op timer instead", ex);
                return new NoopTimer(new Meter.Id(definition.name(),
                        tags, null, definition.description(),
                        Meter.Type.TIMER));
            }
        });
    }
}
