package io.github.obskit.upload;

import io.github.obskit.core.internal.OnceLogger;
import io.github.obskit.core.metrics.MeterFamilies;
import io.github.obskit.core.metrics.MeterFamily;
import io.github.obskit.core.metrics.TagPolicies;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.operation.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The typed recorder of the {@link UploadMeters} catalog. Create one per registry at start-up
 * and share it; it is thread-safe. Every meter is pre-resolved: recording under tag values
 * already seen does not allocate and never goes through Micrometer's builders.
 *
 * <pre>{@code
 * UploadMetrics metrics = UploadMetrics.create(registry);
 * metrics.recordUploadRequest("POST", "/documents", 201, Duration.ofMillis(87));
 * metrics.bindJobQueue(jobQueue, JobQueue::pending);
 * }</pre>
 *
 * <p>No method throws into the caller: {@code null} and unexpected values are recorded under
 * {@code unknown} or {@code other} as the tag keys' policies say ({@link UploadTagKeys}).
 */
public final class UploadMetrics {

    private static final String[] HTTP_STATUS_VALUES = new String[600];

    static {
        for (int code = 100; code <= 599; code++) {
            HTTP_STATUS_VALUES[code] = Integer.toString(code);
        }
    }

    private final MeterFamilies families;
    private final List<UploadStage> stages;
    private final MeterFamily<Counter> uploadRequests;
    private final MeterFamily<Timer> uploadRequestDuration;
    private final MeterFamily<Counter> documentsProcessed;
    private final MeterFamily<Timer> documentProcessingDuration;
    private final MeterFamily<Timer> jobProcessingDuration;
    private final MeterFamily<Counter> uploadErrors;

    private UploadMetrics(Builder builder) {
        List<String> stageNames = builder.stages.stream().map(UploadStage::name).toList();
        TagPolicies policies = builder.policies
                .withRegistered(UploadTagKeys.STAGE.name(), stageNames)
                .withRegistered(UploadTagKeys.PROCESSING_STAGE.name(), stageNames);
        this.families = MeterFamilies.of(builder.registry, policies, List.of(UploadMeters.values()));
        this.stages = List.copyOf(builder.stages);
        this.uploadRequests = families.counter(UploadMeters.UPLOAD_REQUESTS);
        this.uploadRequestDuration = families.timer(UploadMeters.UPLOAD_REQUEST_DURATION);
        this.documentsProcessed = families.counter(UploadMeters.DOCUMENTS_PROCESSED);
        this.documentProcessingDuration = families.timer(UploadMeters.DOCUMENT_PROCESSING_DURATION);
        this.jobProcessingDuration = families.timer(UploadMeters.JOB_PROCESSING_DURATION);
        this.uploadErrors = families.counter(UploadMeters.UPLOAD_ERRORS);
    }

    /**
     * Creates the recorder with default tag policies and the built-in stages only.
     *
     * @param registry where the meters are registered
     * @return the recorder
     */
    public static UploadMetrics create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Starts a recorder with options: tag policy overrides and application stages.
     *
     * @param registry where the meters are registered
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Records one upload request: {@code upload_requests_total{method,endpoint,status}} and
     * {@code upload_request_duration_seconds{method,endpoint}}.
     *
     * @param method the HTTP method, such as {@code POST}
     * @param endpoint the route template, such as {@code /documents/{id}} (never the raw path)
     * @param status the HTTP status code; outside 100..599 it is recorded as {@code other}
     * @param duration how long the request took; {@code null} or negative records only the count
     */
    public void recordUploadRequest(String method, String endpoint, int status, Duration duration) {
        try {
            uploadRequests.get(method, endpoint, httpStatus(status)).increment();
            if (duration != null && !duration.isNegative()) {
                uploadRequestDuration.get(method, endpoint).record(duration);
            }
        } catch (RuntimeException e) {
            warn("recordUploadRequest", e);
        }
    }

    /**
     * Counts one processed document in {@code documents_processed_total{status,file_type,
     * processing_stage}}. Count each document once, at the stage where its processing ended
     * (the failing stage on error), so that the rate of the metric is the rate of documents.
     *
     * @param status how processing ended
     * @param fileType a MIME type, extension or file name, normalized by {@link
     *     FileTypes#normalize(String)}
     * @param stage the stage where processing ended; an unregistered stage is recorded as
     *     {@code other}, {@code null} as {@code unknown}
     */
    public void recordDocumentProcessed(Outcome status, String fileType, UploadStage stage) {
        try {
            documentsProcessed.get(statusTag(status), FileTypes.normalize(fileType), stageTag(stage))
                    .increment();
        } catch (RuntimeException e) {
            warn("recordDocumentProcessed", e);
        }
    }

    /**
     * Records how long one stage of one document took, in {@code
     * document_processing_duration_seconds{stage}}.
     *
     * @param stage the stage; an unregistered stage is recorded as {@code other}
     * @param duration the stage's duration; {@code null} or negative is ignored
     */
    public void recordStageDuration(UploadStage stage, Duration duration) {
        if (duration != null && !duration.isNegative()) {
            recordStageNanos(stage, duration.toNanos());
        }
    }

    /**
     * Records one background job in {@code job_processing_duration_seconds{job_type,status}}.
     *
     * @param jobType the kind of job, a name chosen by the application's code
     * @param status how the job ended
     * @param duration how long it ran; {@code null} or negative is ignored
     */
    public void recordJob(String jobType, Outcome status, Duration duration) {
        if (duration != null && !duration.isNegative()) {
            recordJobNanos(jobType, status, duration.toNanos());
        }
    }

    /**
     * Counts one error in {@code upload_errors_total{error_type,stage}}.
     *
     * @param errorType a value of {@link UploadErrorTypes#ALL}; anything else is {@code _OTHER}
     * @param stage the stage where it happened; an unregistered stage is recorded as {@code other}
     */
    public void recordError(String errorType, UploadStage stage) {
        try {
            uploadErrors.get(errorType, stageTag(stage)).increment();
        } catch (RuntimeException e) {
            warn("recordError", e);
        }
    }

    /**
     * Binds {@code job_queue_size} to the application's queue: the gauge reads {@code size} from
     * {@code queue} at every scrape. The gauge holds the queue <em>strongly</em>, so a queue
     * referenced by nothing else keeps being read (and is not collected while the registry lives);
     * use {@link #bindJobQueueWeakly} to hold it as Micrometer's own gauges do. The first binding
     * wins; binding again returns the gauge already registered.
     *
     * @param queue the object that knows the queue's size, such as a {@code BlockingQueue} or a
     *     repository that counts pending jobs
     * @param size reads the current size; it should be cheap and must not block for long
     * @param <T> the type of the queue object
     * @return the gauge
     */
    public <T> Gauge bindJobQueue(T queue, ToDoubleFunction<T> size) {
        return families.strongGauge(UploadMeters.JOB_QUEUE_SIZE, queue, size);
    }

    /**
     * Binds {@code job_queue_size} like {@link #bindJobQueue}, but holds the queue weakly, as
     * Micrometer's gauges do: once nothing else references the queue, the gauge reports {@code
     * NaN}. For queues owned by something with a shorter life than the registry.
     *
     * @param queue the object that knows the queue's size
     * @param size reads the current size
     * @param <T> the type of the queue object
     * @return the gauge
     */
    public <T> Gauge bindJobQueueWeakly(T queue, ToDoubleFunction<T> size) {
        return families.gauge(UploadMeters.JOB_QUEUE_SIZE, queue, size);
    }

    /**
     * Returns the stages recorded under their own name in the {@code stage} and {@code
     * processing_stage} tags: the built-in ones and those registered with the builder.
     *
     * @return the stages, built-in ones first
     */
    public List<UploadStage> stages() {
        return stages;
    }

    void recordStageNanos(UploadStage stage, long nanos) {
        try {
            documentProcessingDuration.get(stageTag(stage)).record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            warn("recordStageDuration", e);
        }
    }

    void recordJobNanos(String jobType, Outcome status, long nanos) {
        try {
            jobProcessingDuration.get(jobType, statusTag(status)).record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            warn("recordJob", e);
        }
    }

    private static String stageTag(UploadStage stage) {
        return stage != null ? stage.name() : null; // the registered set of UploadTagKeys.STAGE decides
    }

    private static String statusTag(Outcome status) {
        return status != null ? status.tagValue() : null;
    }

    private static String httpStatus(int status) {
        return status >= 100 && status <= 599 ? HTTP_STATUS_VALUES[status] : TagValues.OTHER;
    }

    private static void warn(String method, RuntimeException e) {
        OnceLogger.warn("upload-metrics:" + method, "UploadMetrics." + method
                + " failed; the value was not recorded", e);
    }

    /** Builds {@link UploadMetrics}. Not thread-safe. */
    public static final class Builder {

        private final MeterRegistry registry;
        private TagPolicies policies = TagPolicies.defaults();
        private final Set<UploadStage> stages = new LinkedHashSet<>(UploadStage.builtIns());

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Overrides the default tag policies of {@link UploadTagKeys}, for example to bound
         * {@code endpoint} more tightly. Default: {@link TagPolicies#defaults()}.
         *
         * @param tagPolicies the overrides
         * @return this builder
         */
        public Builder tagPolicies(TagPolicies tagPolicies) {
            this.policies = Objects.requireNonNull(tagPolicies, "tagPolicies");
            return this;
        }

        /**
         * Registers the application's own stages, recorded under their own name in the {@code
         * stage} and {@code processing_stage} tags. Default: the built-in stages only.
         *
         * @param additionalStages stages made with {@link UploadStage#of(String)}
         * @return this builder
         */
        public Builder stages(UploadStage... additionalStages) {
            for (UploadStage stage : Objects.requireNonNull(additionalStages, "additionalStages")) {
                stages.add(Objects.requireNonNull(stage, "stage"));
            }
            return this;
        }

        /**
         * Builds the recorder and registers its meters' bookkeeping with the registry.
         *
         * @return the recorder
         */
        public UploadMetrics build() {
            return new UploadMetrics(this);
        }

    }
}
