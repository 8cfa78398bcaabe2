package io.github.obskit.benchmarks;

import io.github.obskit.agent.AgentMetrics;
import io.github.obskit.core.operation.Outcome;
import io.github.obskit.rag.RagMetrics;
import io.github.obskit.upload.UploadMetrics;
import io.github.obskit.upload.UploadStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The domain modules' typed recorders, each against the very meters it records into, pre-bound
 * (looked up in the registry after one recording): the same buckets, the same series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
public class TypedRecorderBenchmarks {

    private final Duration elapsed = Duration.ofMillis(42);
    private UploadMetrics upload;
    private RagMetrics rag;
    private AgentMetrics agent;

    private Counter uploadRequests;
    private Timer uploadRequestDuration;
    private Counter documentsProcessed;
    private Counter ragQueries;
    private Timer ragQueryDuration;
    private Counter chunksRetrieved;
    private DistributionSummary similarityScores;
    private Counter llmRequests;
    private Timer llmRequestDuration;

    @Setup
    public void setUp() {
        MeterRegistry registry = BenchSupport.registry();
        upload = UploadMetrics.create(registry);
        rag = RagMetrics.create(registry);
        agent = AgentMetrics.create(registry);
        uploadRequest();
        documentProcessed();
        ragQuery();
        chunkRetrieved();
        llmRequest();
        uploadRequests = Recorded.counter(registry, "upload.requests");
        uploadRequestDuration = Recorded.timer(registry, "upload.request.duration");
        documentsProcessed = Recorded.counter(registry, "documents.processed");
        ragQueries = Recorded.counter(registry, "rag.queries");
        ragQueryDuration = Recorded.timer(registry, "rag.query.duration");
        chunksRetrieved = Recorded.counter(registry, "chunks.retrieved");
        similarityScores = Recorded.summary(registry, "similarity.scores");
        llmRequests = Recorded.counter(registry, "llm.requests");
        llmRequestDuration = Recorded.timer(registry, "llm.request.duration");
    }

    @Benchmark
    public void uploadRequest() {
        upload.recordUploadRequest("POST", "/documents", 201, elapsed);
    }

    @Benchmark
    public void uploadRequestPreBound() {
        uploadRequests.increment();
        uploadRequestDuration.record(elapsed);
    }

    /** Counter-only: a MIME type normalized to a file type, a stage tag. */
    @Benchmark
    public void documentProcessed() {
        upload.recordDocumentProcessed(Outcome.SUCCESS, "application/pdf", UploadStage.PARSE);
    }

    @Benchmark
    public void documentProcessedPreBound() {
        documentsProcessed.increment();
    }

    @Benchmark
    public void ragQuery() {
        rag.recordQuery("alice", "semantic", Outcome.SUCCESS, elapsed);
    }

    @Benchmark
    public void ragQueryPreBound() {
        ragQueries.increment();
        ragQueryDuration.record(elapsed);
    }

    @Benchmark
    public void chunkRetrieved() {
        rag.recordChunkRetrieved("alice", "doc-1", 0.83, "semantic");
    }

    /** obskit scrapes similarity in percent: the pre-bound summary gets the scaled value. */
    @Benchmark
    public void chunkRetrievedPreBound() {
        chunksRetrieved.increment();
        similarityScores.record(83.0);
    }

    @Benchmark
    public void llmRequest() {
        agent.recordLlmRequest("openai", "gpt-4o", Outcome.SUCCESS, elapsed);
    }

    @Benchmark
    public void llmRequestPreBound() {
        llmRequests.increment();
        llmRequestDuration.record(elapsed);
    }
}
