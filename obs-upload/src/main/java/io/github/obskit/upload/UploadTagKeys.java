package io.github.obskit.upload;

import io.github.obskit.core.metrics.TagKey;
import io.github.obskit.core.metrics.TagPolicy;
import io.github.obskit.core.metrics.TagValues;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The tag keys of the {@link UploadMeters} catalog, with their default policies. Override a
 * policy with {@link io.github.obskit.core.metrics.TagPolicies} when building {@link
 * UploadMetrics}. Two keys share the label name {@code status} ({@link #HTTP_STATUS} on the
 * request metrics, {@link #STATUS} on the document and job metrics): an override by key name
 * applies to both, so override them per metric instead.
 */
public final class UploadTagKeys {

    /** HTTP methods recorded under their own name; any other is recorded as {@code _OTHER}. */
    public static final List<String> HTTP_METHODS =
            List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** {@code method}: the HTTP request method, a closed set, otherwise {@code _OTHER}. */
    public static final TagKey METHOD = TagKey.of("method",
            TagPolicy.allow(HTTP_METHODS).otherwise("_OTHER"),
            "HTTP request method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, otherwise _OTHER)");

    /**
     * {@code endpoint}: the route template, such as {@code /documents/{id}}, never the raw path.
     * Bounded to {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES} as a safety net.
     */
    public static final TagKey ENDPOINT = TagKey.of("endpoint",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "Route template of the upload endpoint, such as /documents/{id}; never the raw path");

    /** {@code status} of an upload request: the HTTP status code, 100 to 599, else other. */
    public static final TagKey HTTP_STATUS = TagKey.of("status",
            TagPolicy.map(UploadTagKeys::httpStatusCode),
            "HTTP response status code (100 to 599, otherwise other)");

    /** {@code status} of a document or job: {@code success} or {@code error}. */
    public static final TagKey STATUS = TagKey.of("status",
            TagPolicy.allow(Outcome.SUCCESS.tagValue(), Outcome.ERROR.tagValue()),
            "Outcome: success or error");

    /** {@code file_type}: normalized by {@link FileTypes#normalize(String)}. */
    public static final TagKey FILE_TYPE = TagKey.of("file_type", TagPolicy.allow(fileTypes()),
            "File type normalized from the MIME type or extension: " + String.join(", ",
                    FileTypes.KNOWN) + ", otherwise other (unknown when missing)");

    /**
     * {@code processing_stage}: the stage at which a document's processing ended (the failing
     * stage on error). A registered set: the built-in stages plus those the application
     * registers ({@link UploadMetrics.Builder#stages(UploadStage...)}), otherwise {@code other}.
     */
    public static final TagKey PROCESSING_STAGE = TagKey.of("processing_stage",
            TagPolicy.registered(builtInStages()),
            "Pipeline stage at which processing ended (the failing stage on error): upload, "
                    + "parse, chunk, embed, index, a stage the application registered, or other");

    /**
     * {@code stage}: a pipeline stage. A registered set: the built-in stages plus those the
     * application registers, otherwise {@code other}.
     */
    public static final TagKey STAGE = TagKey.of("stage", TagPolicy.registered(builtInStages()),
            "Pipeline stage: upload, parse, chunk, embed, index, a stage the application "
                    + "registered, or other");

    /**
     * {@code job_type}: the kind of background job, chosen by the application's code. Bounded to
     * {@link TagPolicy#DEFAULT_MAX_DISTINCT_VALUES} as a safety net.
     */
    public static final TagKey JOB_TYPE = TagKey.of("job_type",
            TagPolicy.bounded(TagPolicy.DEFAULT_MAX_DISTINCT_VALUES),
            "Kind of background job, such as process_document");

    /**
     * {@code error_type}: a value of {@link UploadErrorTypes#ALL}, otherwise {@value
     * Operation#UNKNOWN_ERROR_TYPE}, the same value the failure's span and log event carry.
     */
    public static final TagKey ERROR_TYPE = TagKey.of("error_type",
            TagPolicy.allow(errorTypes()).otherwise(Operation.UNKNOWN_ERROR_TYPE),
            "Error class: " + String.join(", ", UploadErrorTypes.ALL) + ", otherwise "
                    + Operation.UNKNOWN_ERROR_TYPE);

    private UploadTagKeys() {
    }

    /**
     * Keeps a three-digit HTTP status code from 100 to 599; anything else is {@code other}.
     *
     * @param value the recorded value
     * @return the value itself, or {@link TagValues#OTHER}
     */
    private static String httpStatusCode(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() == 3 && value.charAt(0) >= '1' && value.charAt(0) <= '5'
                && isAsciiDigit(value.charAt(1)) && isAsciiDigit(value.charAt(2))) {
            return value;
        }
        return TagValues.OTHER;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static List<String> builtInStages() {
        return UploadStage.builtIns().stream().map(UploadStage::name).toList();
    }

    private static List<String> errorTypes() {
        List<String> types = new ArrayList<>(UploadErrorTypes.ALL);
        types.add(Operation.UNKNOWN_ERROR_TYPE);
        return types;
    }

    private static List<String> fileTypes() {
        List<String> types = new ArrayList<>(FileTypes.KNOWN);
        types.add(TagValues.UNKNOWN);
        return types;
    }
}
