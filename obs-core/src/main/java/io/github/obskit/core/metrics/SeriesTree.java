package io.github.obskit.core.metrics;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.internal.SeriesCap;
import io.github.obskit.core.internal.TagResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lookup of one family's series by raw tag values: one small map per tag key, so values
 * already seen neither allocate nor go through Micrometer's builders. Shared by {@link
 * MeterFamily} and {@link GaugeFamily}. A combination past the metric's {@link SeriesCap} is
 * remembered as a redirect to its overflow series (see {@linkplain TagPolicy the cardinality
 * rule}).
 *
 * @param <T> what a series is: a meter, or a gauge's value
 */
final class SeriesTree<T> {

    private final String metricName;
    private final String[] keyNames;
    private final TagResolver[] resolvers;
    private final int lastKept;
    private final Function<Tags, T> registrar;
    private final SeriesCap cap;
    private final Supplier<Counter> capOverflows;
    private final Node root;
    private final T single;

    SeriesTree(MeterDefinition definition, TagResolver[] resolvers, Function<Tags, T> registrar,
            SeriesCap cap, Supplier<Counter> capOverflows) {
        this.metricName = definition.name();
        this.keyNames = definition.tagKeys().stream().map(TagKey::name).toArray(String[]::new);
        this.resolvers = resolvers.clone();
        int last = -1;
        for (int i = 0; i < resolvers.length; i++) {
            if (resolvers[i] != null) {
                last = i;
            }
        }
        this.lastKept = last;
        this.registrar = registrar;
        this.cap = cap;
        this.capOverflows = capOverflows;
        if (last < 0) {
            this.root = null;
            this.single = registrar.apply(Tags.empty());
        } else {
            this.root = new Node(Tags.empty());
            this.single = null;
        }
    }

    T lookup(int given, String v1, String v2, String v3, String v4, String v5, String[] rest) {
        if (given != keyNames.length) {
            OnceLogger.warn("arity:" + metricName, metricName + " has "
                    + keyNames.length + " tag keys but was recorded with " + given
                    + " values; missing values are recorded as 'unknown'", null);
        }
        if (single != null) {
            return single;
        }
        Node node = root;
        for (int i = 0; i <= lastKept; i++) {
            TagResolver resolver = resolvers[i];
            if (resolver == null) {
                continue;
            }
            String raw = rest != null ? (i < rest.length ? rest[i] : null)
                    : i == 0 ? v1 : i == 1 ? v2 : i == 2 ? v3 : i == 3 ? v4 : i == 4 ? v5 : null;
            String value = resolver.resolve(raw);
            Object next = node.children.get(value);
            if (next == null) {
                next = i == lastKept ? newLeaf(node, keyNames[i], value) : node.child(keyNames[i], value);
            }
            if (i == lastKept) {
                if (next instanceof Redirect) {
                    cap.overflowed(capOverflows);
                    next = ((Redirect) next).target;
                }
                @SuppressWarnings("unchecked")
                T series = (T) next;
                return series;
            }
            node = (Node) next;
        }
        throw new AssertionError("unreachable");
    }

    private Object newLeaf(Node parent, String key, String value) {
        // Not computeIfAbsent: registering a meter runs the registry's listeners, which may
        // record into this same family, and a recursive update of the map would throw.
        // Two threads racing here get the same meter: the registry deduplicates by id.
        Tags tags = parent.tags.and(key, value);
        Object created;
        if (cap == null || cap.admit(tags)) {
            created = registrar.apply(tags);
        } else {
            Tags overflowTags = overflowTags(tags);
            created = overflowTags.equals(tags) ? registrar.apply(tags)
                    : new Redirect(overflowSeries(overflowTags));
        }
        Object previous = parent.children.putIfAbsent(value, created);
        return previous != null ? previous : created;
    }

    /** The tags of the series a combination past the cap is recorded in. */
    private Tags overflowTags(Tags tags) {
        Tags out = Tags.empty();
        for (Tag tag : tags) {
            String value = tag.getValue();
            for (int i = 0; i < keyNames.length; i++) {
                if (resolvers[i] != null && keyNames[i].equals(tag.getKey())) {
                    value = resolvers[i].overflowValue(value);
                    break;
                }
            }
            out = out.and(tag.getKey(), value);
        }
        return out;
    }

    /** Walks to (and creates) the overflow series; it is always admitted, outside the cap. */
    private Object overflowSeries(Tags overflowTags) {
        Node node = root;
        for (int i = 0; i <= lastKept; i++) {
            if (resolvers[i] == null) {
                continue;
            }
            String value = valueOf(overflowTags, keyNames[i]);
            Object next = node.children.get(value);
            if (next == null) {
                if (i == lastKept) {
                    Object created = registrar.apply(node.tags.and(keyNames[i], value));
                    Object previous = node.children.putIfAbsent(value, created);
                    next = previous != null ? previous : created;
                } else {
                    next = node.child(keyNames[i], value);
                }
            }
            if (i == lastKept) {
                return next instanceof Redirect ? ((Redirect) next).target : next;
            }
            node = (Node) next;
        }
        throw new AssertionError("unreachable");
    }

    private static String valueOf(Tags tags, String key) {
        for (Tag tag : tags) {
            if (tag.getKey().equals(key)) {
                return tag.getValue();
            }
        }
        throw new AssertionError(key);
    }

    /** A combination past the cap: recordings go to the overflow series and are counted. */
    private static final class Redirect {
        final Object target;

        Redirect(Object target) {
            this.target = target;
        }
    }

    /** One level of the lookup tree: the tags resolved so far and the children by next value. */
    private static final class Node {

        final Tags tags;
        final ConcurrentHashMap<String, Object> children = new ConcurrentHashMap<>();

        Node(Tags tags) {
            this.tags = tags;
        }

        Object child(String key, String value) {
            Node created = new Node(tags.and(key, value));
            Object previous = children.putIfAbsent(value, created);
            return previous != null ? previous : created;
        }
    }
}
