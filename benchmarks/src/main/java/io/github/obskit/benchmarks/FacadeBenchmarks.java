package io.github.obskit.benchmarks;

import io.github.obskit.core.genai.GenAiCall;
import io.github.obskit.core.genai.GenAiMetrics;
import io.github.obskit.core.genai.GenAiRequest;
import io.github.obskit.core.genai.GenAiTelemetry;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.rag.QueryRequest;
import io.github.obskit.rag.RagMetrics;
import io.github.obskit.rag.RagQuery;
import io.github.obskit.rag.RagTelemetry;
import io.github.obskit.upload.Document;
import io.github.obskit.upload.DocumentProcessing;
import io.github.obskit.upload.ProcessingStage;
import io.github.obskit.upload.UploadMetrics;
import io.github.obskit.upload.UploadStage;
import io.github.obskit.upload.UploadTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;

/**
 * One operation through a facade (metrics, span and log event in one call) with no-op tracing,
 * the event logger off and on, against the same work done by hand: the bare recorder, the raw
 * OpenTelemetry no-op span(s) and, when on, the raw logback call with the same fields.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class FacadeBenchmarks {

    private static final GenAiRequest CHAT = GenAiRequest.chat().provider("openai").model("gpt-4o").build();

    private final Document document = Document.builder("doc-1").fileType("pdf").userId("alice").build();
    private final QueryRequest query = QueryRequest.builder("q-1").userId("alice").queryType("semantic").build();

    private UploadTelemetry uploadOff;
    private UploadTelemetry uploadOn;
    private RagTelemetry ragOff;
    private RagTelemetry ragOn;
    private GenAiTelemetry genAi;
    private UploadMetrics bareUpload;
    private RagMetrics bareRag;
    private GenAiMetrics bareGenAi;
    private Tracer noopTracer;
    private Logger rawEvents;

    @Setup
    public void setUp() {
        MeterRegistry registry = BenchSupport.registry();
        uploadOff = UploadTelemetry.builder(registry, BenchSupport.noop())
                .eventLogger(BenchSupport.off("bench.upload.off")).build();
        uploadOn = UploadTelemetry.builder(registry, BenchSupport.noop())
                .eventLogger(BenchSupport.jsonToNullStream("bench.upload.on")).build();
        ragOff = RagTelemetry.builder(registry, BenchSupport.noop())
                .eventLogger(BenchSupport.off("bench.rag.off")).build();
        ragOn = RagTelemetry.builder(registry, BenchSupport.noop())
                .eventLogger(BenchSupport.jsonToNullStream("bench.rag.on")).build();
        genAi = GenAiTelemetry.create(registry, BenchSupport.noop());
        // The bare recorders share the registry, and so the series, with the facades.
        bareUpload = uploadOn.metrics();
        bareRag = ragOn.metrics();
        bareGenAi = GenAiMetrics.create(registry);
        noopTracer = BenchSupport.noop().getTracer("bench");
        rawEvents = BenchSupport.jsonToNullStream("bench.raw");
    }

    // ---- upload: one document processing with one stage ----

    @Benchmark
    public void uploadProcessingLoggerOff() {
        processOne(uploadOff);
    }

    @Benchmark
    public void uploadProcessingLoggerOn() {
        processOne(uploadOn);
    }

    /** Baseline of the logger-off facade: the recorder calls and two no-op spans. */
    @Benchmark
    public void uploadProcessingBareNoLog() {
        Span processing = noopTracer.spanBuilder("document_processing").startSpan();
        try (Scope ignored = processing.makeCurrent()) {
            long stageStart = System.nanoTime();
            Span stage = noopTracer.spanBuilder("document_stage parse").startSpan();
            try (Scope ignoredToo = stage.makeCurrent()) {
                bareUpload.recordStageDuration(UploadStage.PARSE, Duration.ofNanos(System.nanoTime() - stageStart));
            } finally {
                stage.end();
            }
            bareUpload.recordDocumentProcessed(Outcome.SUCCESS, "pdf", UploadStage.PARSE);
        } finally {
            processing.end();
        }
    }

    /** Baseline of the logger-on facade: the above plus the stage's event, by hand. */
    @Benchmark
    public void uploadProcessingBareWithLog() {
        Span processing = noopTracer.spanBuilder("document_processing").startSpan();
        try (Scope ignored = processing.makeCurrent()) {
            long stageStart = System.nanoTime();
            Span stage = noopTracer.spanBuilder("document_stage parse").startSpan();
            try (Scope ignoredToo = stage.makeCurrent()) {
                long nanos = System.nanoTime() - stageStart;
                bareUpload.recordStageDuration(UploadStage.PARSE, Duration.ofNanos(nanos));
                rawEvents.atInfo().setMessage("document_processing")
                        .addKeyValue("event_type", "document_processing")
                        .addKeyValue("document_id", document.id())
                        .addKeyValue("stage", "parse")
                        .addKeyValue("user_id", document.userId())
                        .addKeyValue("file_type", document.fileType())
                        .addKeyValue("status", "success")
                        .addKeyValue("duration_ms", nanos / 1e6)
                        .log();
            } finally {
                stage.end();
            }
            bareUpload.recordDocumentProcessed(Outcome.SUCCESS, "pdf", UploadStage.PARSE);
        } finally {
            processing.end();
        }
    }

    private void processOne(UploadTelemetry upload) {
        try (DocumentProcessing op = upload.processDocument(document)) {
            try (ProcessingStage stage = op.stage(UploadStage.PARSE)) {
                stage.success();
            }
            op.success();
        }
    }

    // ---- RAG: one query, no child operations ----

    @Benchmark
    public void ragQueryLoggerOff() {
        try (RagQuery op = ragOff.query(query)) {
            op.success();
        }
    }

    @Benchmark
    public void ragQueryLoggerOn() {
        try (RagQuery op = ragOn.query(query)) {
            op.success();
        }
    }

    @Benchmark
    public void ragQueryBareNoLog() {
        long start = System.nanoTime();
        Span span = noopTracer.spanBuilder("rag_query").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            bareRag.recordQuery(query.userId(), query.queryType(), Outcome.SUCCESS,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            span.end();
        }
    }

    @Benchmark
    public void ragQueryBareWithLog() {
        long start = System.nanoTime();
        Span span = noopTracer.spanBuilder("rag_query").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            long nanos = System.nanoTime() - start;
            bareRag.recordQuery(query.userId(), query.queryType(), Outcome.SUCCESS, Duration.ofNanos(nanos));
            rawEvents.atInfo().setMessage("rag_query")
                    .addKeyValue("event_type", "rag_query")
                    .addKeyValue("query_id", query.queryId())
                    .addKeyValue("user_id", query.userId())
                    .addKeyValue("query_type", query.queryType())
                    .addKeyValue("chunks_retrieved", 0L)
                    .addKeyValue("status", "success")
                    .addKeyValue("duration_ms", nanos / 1e6)
                    .log();
        } finally {
            span.end();
        }
    }

    // ---- GenAI: one chat call with token counts ----

    @Benchmark
    public void genAiCall() {
        try (GenAiCall call = genAi.call(CHAT)) {
            call.inputTokens(412).outputTokens(96);
            call.success();
        }
    }

    @Benchmark
    public void genAiCallBare() {
        long start = System.nanoTime();
        Span span = noopTracer.spanBuilder("chat gpt-4o").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            bareGenAi.recordInputTokens(CHAT, 412);
            bareGenAi.recordOutputTokens(CHAT, 96);
            bareGenAi.recordOperation(CHAT, null, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            span.end();
        }
    }

}
