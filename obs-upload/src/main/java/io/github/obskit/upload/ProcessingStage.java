package io.github.obskit.upload;

import io.github.obskit.core.logging.LogEvent;
import io.github.obskit.core.operation.Operation;
import io.github.obskit.core.operation.Outcome;

/**
 * One stage of a document's processing (parse, chunk, embed, ...), started by {@link
 * DocumentProcessing#stage(UploadStage)} and ended by {@link #close()}: a lexically scoped
 * operation, current while it runs, so spans started inside it are its children.
 *
 * <pre>{@code
 * try (ProcessingStage stage = op.stage(UploadStage.PARSE)) {
 *     text = parser.parse(file);
 *     stage.success();
 * }
 * }</pre>
 *
 * <p>What is recorded: a span {@code document_stage {stage}} (attributes {@code
 * obskit.document.processing_stage}, {@code obskit.document.id}), child of {@code
 * document_processing}; at close, the stage's duration in {@code
 * document_processing_duration_seconds{stage}} and the log event {@code document_processing}
 * (document_id, stage, user_id, file_type, status, duration_ms, error_type on failure). A failed
 * stage counts the document's error once in {@code upload_errors_total{error_type,stage}} and is
 * the stage where the document's processing ended. Outcome, error type, threads and context:
 * {@link Operation}; error types are those of {@link UploadErrorTypes}.
 */
public final class ProcessingStage extends Operation {

    private final UploadTelemetry telemetry;
    private final DocumentProcessing processing;
    private final UploadStage stage;

    ProcessingStage(UploadTelemetry telemetry, DocumentProcessing processing, UploadStage stage) {
        super(telemetry.stageType(), telemetry.tracing().span(stage.spanName())
                .parent(processing.parentOfStages())
                .attribute(UploadSpanKeys.DOCUMENT_PROCESSING_STAGE, stage.name())
                .attribute(UploadSpanKeys.DOCUMENT_ID, processing.record().document.id()), true);
        this.telemetry = telemetry;
        this.processing = processing;
        this.stage = stage;
    }

    /**
     * Returns the stage.
     *
     * @return the stage given when it started
     */
    public UploadStage stage() {
        return stage;
    }

    /** A stage asked of a processing that is closed already: records nothing. */
    ProcessingStage(UploadTelemetry telemetry, DocumentProcessing processing, UploadStage stage,
            boolean closedParent) {
        super(telemetry.stageType());
        this.telemetry = telemetry;
        this.processing = processing;
        this.stage = stage;
    }

    @Override
    protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
        UploadMetrics metrics = telemetry.metrics();
        metrics.recordStageNanos(stage, durationNanos);
        if (outcome == Outcome.ERROR) {
            processing.stageFailed(stage);
            if (processing.record().claimError()) {
                metrics.recordError(errorType, stage);
            }
        }
    }

    @Override
    protected void logFields(LogEvent event) {
        Document document = processing.record().document;
        event.field(UploadLogFields.DOCUMENT_ID, document.id())
                .field(UploadLogFields.STAGE, stage.name())
                .userId(document.userId())
                .field(UploadLogFields.FILE_TYPE, document.fileType());
    }
}
