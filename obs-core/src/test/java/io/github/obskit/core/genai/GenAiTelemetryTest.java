package io.github.obskit.core.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.tracing.ContentCapture;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.Promtool;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GenAI calls against a real OpenTelemetry SDK and a real Prometheus registry. */
class GenAiTelemetryTest {

    private static final String CHAT_SERIES = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\","
            + "gen_ai_request_model=\"gpt-4o\"";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry();
    private final GenAiTelemetry genAi = GenAiTelemetry.create(registry, otel.openTelemetry());
    private final GenAiRequest chat = GenAiRequest.chat().provider("openai").model("gpt-4o").build();

    @AfterEach
    void tearDown() {
        otel.close();
    }

    @Test
    void threeCallsCountThreeAndTokenSumsAreExact() {
        long[][] usage = {{200, 100}, {300, 150}, {500, 250}};
        for (long[] tokens : usage) {
            try (GenAiCall call = genAi.call(chat)) {
                call.inputTokens(tokens[0]).outputTokens(tokens[1]);
                call.success();
            }
        }

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\"," + CHAT_SERIES + "} 3")
                .contains("gen_ai_client_token_usage_count{" + CHAT_SERIES + ",gen_ai_token_type=\"input\"} 3")
                .contains("gen_ai_client_token_usage_sum{" + CHAT_SERIES + ",gen_ai_token_type=\"input\"} 1000.0")
                .contains("gen_ai_client_token_usage_sum{" + CHAT_SERIES + ",gen_ai_token_type=\"output\"} 500.0")
                // 200 and 300 fall in (64, 256] and (256, 1024]: bucket counts, not just lines
                .contains("gen_ai_client_token_usage_bucket{" + CHAT_SERIES
                        + ",gen_ai_token_type=\"input\",le=\"256.0\"} 1")
                .contains("gen_ai_client_token_usage_bucket{" + CHAT_SERIES
                        + ",gen_ai_token_type=\"input\",le=\"1024.0\"} 3")
                .doesNotContain("time_to_first_chunk_seconds_count") // not streamed: not recorded
                .doesNotContain("gen_ai_token_type=\"total\"");
        Promtool.Result check = Promtool.checkMetrics(scrape);
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.output()).isEmpty();
    }

    @Test
    void theSpanIsAClientSpanNamedOperationAndModelWithRequestAndResponseAttributes() {
        try (GenAiCall call = genAi.call(chat)) {
            call.inputTokens(12).outputTokens(34).responseModel("gpt-4o-2024-08-06").responseId("chatcmpl-1")
                    .finishReasons("stop", null, "length");
            call.success();
        }

        SpanData span = otel.span("chat gpt-4o");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_RESPONSE_ID)).isEqualTo("chatcmpl-1");
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_RESPONSE_FINISH_REASONS))
                .containsExactly("stop", "length");
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(12L);
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(34L);
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isNull();
    }

    @Test
    void aFailureHasOneErrorTypeOnTheSpanAndTheDurationMetric() {
        try (GenAiCall call = genAi.call(chat)) {
            call.fail(new SocketTimeoutException("no answer"));
        }
        try (GenAiCall call = genAi.call(chat)) {
            call.fail(null, "rate_limited");
        }
        try (GenAiCall call = genAi.call(chat)) {
            call.inputTokens(10); // closed without an outcome
        }

        List<String> spanTypes = new ArrayList<>();
        for (SpanData span : otel.spans()) {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            spanTypes.add(span.getAttributes().get(SpanAttributeKeys.ERROR_TYPE));
        }
        assertThat(spanTypes).containsExactly("java.net.SocketTimeoutException", "rate_limited", "_OTHER");
        String scrape = registry.scrape();
        for (String type : spanTypes) {
            assertThat(scrape).contains("gen_ai_client_operation_duration_seconds_count{error_type=\"" + type
                    + "\"," + CHAT_SERIES + "} 1");
        }
        assertThat(scrape).doesNotContain("error_type=\"\"")
                .contains("gen_ai_client_token_usage_count{" + CHAT_SERIES + ",gen_ai_token_type=\"input\"} 1")
                .doesNotContain("gen_ai_token_type=\"output\"");
    }

    @Test
    void aStreamedCallEndedOnAnotherThreadRecordsTimeToFirstChunkOnce() throws Exception {
        Span parent = otel.openTelemetry().getTracer("test").spanBuilder("request").startSpan();
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        try (Scope ignored = parent.makeCurrent()) {
            Context before = Context.current();
            GenAiCall call = genAi.callDetached(chat);
            assertThat(Context.current()).isSameAs(before);

            Future<?> stream = callbacks.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    sleepMillis(15);
                    call.chunk();
                }
                call.firstChunk(); // late: the first chunk was already reported
                call.outputTokens(5).success();
                call.close();
            });
            stream.get(10, TimeUnit.SECONDS);
            assertThat(Context.current()).isSameAs(before);
        } finally {
            callbacks.shutdownNow();
            parent.end();
        }

        Timer first = registry.get("gen_ai.client.operation.time_to_first_chunk").timer();
        Timer perChunk = registry.get("gen_ai.client.operation.time_per_output_chunk").timer();
        Timer duration = registry.get("gen_ai.client.operation.duration").timer();
        assertThat(first.count()).isEqualTo(1);
        assertThat(perChunk.count()).isEqualTo(4);
        assertThat(first.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(14);
        assertThat(perChunk.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(4 * 14);
        assertThat(first.totalTime(TimeUnit.NANOSECONDS) + perChunk.totalTime(TimeUnit.NANOSECONDS))
                .isLessThanOrEqualTo(duration.totalTime(TimeUnit.NANOSECONDS));
        SpanData span = otel.span("chat gpt-4o");
        assertThat(span.getParentSpanId()).isEqualTo(otel.span("request").getSpanId());
        assertThat(span.getAttributes().get(SpanAttributeKeys.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK))
                .isEqualTo(first.totalTime(TimeUnit.SECONDS));
        assertThat(registry.scrape())
                .contains("gen_ai_client_operation_time_to_first_chunk_seconds_count{" + CHAT_SERIES + "} 1")
                .contains("gen_ai_client_operation_time_per_output_chunk_seconds_count{" + CHAT_SERIES + "} 4")
                .contains("gen_ai_client_operation_time_to_first_chunk_seconds_bucket{" + CHAT_SERIES
                        + ",le=\"81.92\"} 1");
    }

    @Test
    void chunksFromSeveralThreadsRecordOneFirstChunkAndEveryOtherInterval() throws Exception {
        GenAiCall call = genAi.callDetached(chat);
        int threads = 4;
        int perThread = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        call.chunk();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        call.success();
        call.close();
        call.chunk(); // after close: ignored

        assertThat(registry.get("gen_ai.client.operation.time_to_first_chunk").timer().count()).isEqualTo(1);
        assertThat(registry.get("gen_ai.client.operation.time_per_output_chunk").timer().count())
                .isEqualTo(threads * perThread - 1);
    }

    @Test
    void contentIsOffByDefaultAndTruncatedJsonMessagesWhenOptedIn() {
        try (GenAiCall call = genAi.call(chat)) {
            call.input("What is the refund policy?").output("Thirty days.");
            call.success();
        }
        assertThat(otel.span("chat gpt-4o").getAttributes().asMap().values())
                .noneMatch(v -> v.toString().contains("refund") || v.toString().contains("Thirty"));
        otel.reset();

        GenAiTelemetry capturing = GenAiTelemetry.builder(registry, otel.openTelemetry())
                .contentCapture(ContentCapture.truncatedTo(10)).build();
        try (GenAiCall call = capturing.call(chat)) {
            call.input("Say \"hi\"\nplease").output("Thirty days, no questions asked.").finishReasons("stop");
            call.success();
        }

        SpanData span = otel.span("chat gpt-4o");
        JsonMapper json = JsonMapper.builder().build();
        JsonNode input = json.readTree(span.getAttributes().get(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES));
        JsonNode output = json.readTree(span.getAttributes().get(SpanAttributeKeys.GEN_AI_OUTPUT_MESSAGES));
        assertThat(input.get(0).get("role").asString()).isEqualTo("user");
        assertThat(input.get(0).get("parts").get(0).get("content").asString()).isEqualTo("Say \"hi\"\np");
        assertThat(output.get(0).get("role").asString()).isEqualTo("assistant");
        assertThat(output.get(0).get("parts").get(0).get("content").asString()).isEqualTo("Thirty day");
        assertThat(output.get(0).get("finish_reason").asString()).isEqualTo("stop");
    }

    @Test
    void theLambdaFormRecordsSuccessAndRethrowsFailures() {
        String answer = genAi.call(chat, call -> {
            call.outputTokens(3);
            return "yes";
        });
        IllegalStateException broken = new IllegalStateException("provider down");
        assertThatThrownBy(() -> genAi.call(chat, call -> {
            throw broken;
        })).isSameAs(broken);

        assertThat(answer).isEqualTo("yes");
        assertThat(otel.spans()).extracting(s -> s.getAttributes().get(SpanAttributeKeys.ERROR_TYPE))
                .containsExactly(null, "java.lang.IllegalStateException");
        assertThat(registry.scrape())
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\"," + CHAT_SERIES + "} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{"
                        + "error_type=\"java.lang.IllegalStateException\"," + CHAT_SERIES + "} 1");
    }

    @Test
    void requestsSanitizeOnceAndNameTheSpanOperationAndModel() {
        GenAiRequest embeddings = GenAiRequest.embeddings().provider("  ").model("mini\nlm").build();
        GenAiRequest noModel = GenAiRequest.builder("rerank").provider("cohere").build();

        try (GenAiCall call = genAi.call(embeddings)) {
            call.success();
        }
        try (GenAiCall call = genAi.call(noModel)) {
            call.success();
        }

        assertThat(embeddings.spanName()).isEqualTo("embeddings mini_lm");
        assertThat(embeddings.providerName()).isNull();
        assertThat(otel.span("embeddings mini_lm").getAttributes().get(SpanAttributeKeys.GEN_AI_PROVIDER_NAME))
                .isNull();
        assertThat(otel.span("rerank").getAttributes().get(SpanAttributeKeys.GEN_AI_REQUEST_MODEL)).isNull();
        assertThat(registry.scrape())
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"unknown\","
                        + "gen_ai_request_model=\"mini_lm\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\","
                        + "gen_ai_operation_name=\"_OTHER\",gen_ai_provider_name=\"cohere\","
                        + "gen_ai_request_model=\"unknown\"} 1");
        assertThat(GenAiRequest.chat().provider("openai").model("gpt-4o").build()).isEqualTo(chat);
        assertThatThrownBy(() -> GenAiRequest.builder("chat\n")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
