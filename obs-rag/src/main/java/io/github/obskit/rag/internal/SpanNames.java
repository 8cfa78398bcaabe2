package io.github.obskit.rag.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of one kind of obs-rag GenAI span, {@code {operation} {target}} such as {@code
 * embeddings all-minilm-l6-v2}, built once per target: a small cache keeps the first {@value
 * #MAX_ENTRIES} targets (models and data sources are few), and names beyond it are concatenated
 * on each call. Thread-safe; one instance per operation and facade.
 */
public final class SpanNames {

    /** How many targets each operation keeps a prebuilt name for. */
    public static final int MAX_ENTRIES = 64;

    private final String operation;
    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

    /**
     * Creates the names of one operation.
     *
     * @param operation the span name's first word, such as {@code embeddings}
     */
    public SpanNames(String operation) {
        this.operation = operation;
    }

    /**
     * Returns the span name for a target.
     *
     * @param target the model or data source, possibly {@code null}
     * @return {@code "{operation} {target}"}, or the operation alone without a target
     */
    public String name(String target) {
        if (target == null) {
            return operation;
        }
        String name = names.get(target);
        if (name != null) {
            return name;
        }
        name = operation + " " + target;
        if (names.size() < MAX_ENTRIES) {
            String previous = names.putIfAbsent(target, name);
            return previous != null ? previous : name;
        }
        return name;
    }
}
