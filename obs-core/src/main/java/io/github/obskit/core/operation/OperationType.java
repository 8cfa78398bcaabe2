package io.github.obskit.core.operation;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.logging.StructuredLogger;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link Operation} of one kind shares: its name, the log event it writes, and how
 * its failures are classified into an error type. Built once, when a facade is built, and passed
 * to each handle it starts. Immutable and thread-safe.
 *
 * <pre>{@code
 * OperationType processing = OperationType.builder("document_processing")
 *         .events(events)                                  // one document_processing event
 *         .errorTypes(UploadErrorTypes::classify, UploadErrorTypes.ALL)
 *         .build();
 * }</pre>
 *
 * <p>Defaults: no log event; error type = the exception's fully qualified class name, any value
 * accepted.
 */
public final class OperationType {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.obskit");

    private final String name;
    private final StructuredLogger events;
    private final String eventType;
    private final Function<? super Throwable, String> classifier;
    private final Set<String> knownErrorTypes;
    private final AtomicBoolean warnedWithoutOutcome = new AtomicBoolean();

    private OperationType(Builder builder) {
        this.name = builder.name;
        this.events = builder.events;
        this.eventType = builder.eventType != null ? builder.eventType : builder.name;
        this.classifier = builder.classifier;
        this.knownErrorTypes = builder.knownErrorTypes;
    }

    /**
     * Starts an operation type.
     *
     * @param name a low-cardinality snake_case name, such as {@code document_processing}; also
     *     the default log event type
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns the name.
     *
     * @return the name given to {@link #builder(String)}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the type of the log event written when an operation closes.
     *
     * @return the event type, {@code null} when the operation writes no event
     */
    public String eventType() {
        return events != null ? eventType : null;
    }

    StructuredLogger events() {
        return events;
    }

    /**
     * Returns the error type of a failure, as every signal of the operation records it.
     *
     * @param error the exception, possibly {@code null}
     * @param given the error type the caller gave, possibly {@code null}
     * @return {@code given} when set, otherwise the classification of {@code error}, otherwise
     *     {@value Operation#UNKNOWN_ERROR_TYPE}; a value outside the known error types (when
     *     declared) becomes {@value Operation#UNKNOWN_ERROR_TYPE}
     */
    public String errorType(Throwable error, String given) {
        String type = given;
        if ((type == null || type.isBlank()) && error != null) {
            try {
                type = classifier.apply(error);
            } catch (RuntimeException e) {
                OnceLogger.warn("operation.classify:" + name,
                        "The error classification of " + name + " threw; recording "
                                + Operation.UNKNOWN_ERROR_TYPE, e);
                type = null;
            }
        }
        if (type == null || type.isBlank()) {
            return Operation.UNKNOWN_ERROR_TYPE;
        }
        if (knownErrorTypes != null && !knownErrorTypes.contains(type)) {
            return Operation.UNKNOWN_ERROR_TYPE;
        }
        return type;
    }

    /** Logs, once per operation type, that an operation was closed without an outcome. */
    void warnClosedWithoutOutcome() {
        if (!warnedWithoutOutcome.get() && warnedWithoutOutcome.compareAndSet(false, true)) {
            try {
                LOG.warn("A " + name + " operation was closed without success() or fail(): it is recorded"
                            + " as a failure with error type " + Operation.UNKNOWN_ERROR_TYPE
                            + ". Call success() when it is done (write 'return op.success(result);'"
                            + " on early returns) and fail(e) when it fails, or use the lambda form,"
                            + " which does both. This warning is logged once per operation type.");
            } catch (RuntimeException ignored) {
                // A failing logging backend must not break the caller.
            }
        }
    }

    @Override
    public String toString() {
        return "OperationType[" + name + "]";
    }

    /** Builds an {@link OperationType}. Not thread-safe. */
    public static final class Builder {

        private final String name;
        private StructuredLogger events;
        private String eventType;
        private Function<? super Throwable, String> classifier = error -> error.getClass().getName();
        private Set<String> knownErrorTypes;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("an operation type needs a name");
            }
        }

        /**
         * Writes one log event per operation when it closes, of the type given to {@link
         * OperationType#builder(String)}. Default: no event.
         *
         * @param logger the structured logger the events go to
         * @return this builder
         */
        public Builder events(StructuredLogger logger) {
            this.events = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /**
         * Writes one log event per operation when it closes, of another type than the
         * operation's name. Default: no event.
         *
         * @param logger the structured logger the events go to
         * @param type the event type, such as {@code rag_query}
         * @return this builder
         */
        public Builder events(StructuredLogger logger, String type) {
            this.events = Objects.requireNonNull(logger, "logger");
            this.eventType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets how an exception is classified into an error type when {@code fail(e)} gives
         * none. Default: the exception's fully qualified class name, as OpenTelemetry's {@code
         * error.type} asks.
         *
         * @param errorClassifier returns a low-cardinality error type; {@code null} or an
         *     exception means {@value Operation#UNKNOWN_ERROR_TYPE}
         * @return this builder
         */
        public Builder errorTypes(Function<? super Throwable, String> errorClassifier) {
            this.classifier = Objects.requireNonNull(errorClassifier, "errorClassifier");
            this.knownErrorTypes = null;
            return this;
        }

        /**
         * Sets the classification and the closed set of error types: any other value, given or
         * classified, is recorded as {@value Operation#UNKNOWN_ERROR_TYPE} on every signal.
         * Default: any value accepted.
         *
         * @param errorClassifier returns one of {@code known}
         * @param known the error types recorded under their own name
         * @return this builder
         */
        public Builder errorTypes(Function<? super Throwable, String> errorClassifier,
                Collection<String> known) {
            this.classifier = Objects.requireNonNull(errorClassifier, "errorClassifier");
            this.knownErrorTypes = Set.copyOf(known);
            return this;
        }

        /**
         * Builds the type.
         *
         * @return the type
         */
        public OperationType build() {
            return new OperationType(this);
        }
    }
}
