package io.github.obskit.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class JobTraceContextTest {

    @Test
    void workerSpanLinksToTheContextStoredWithTheJob() throws Exception {
        // The upload service enqueues a job and stores its trace context with it.
        String storedRow;
        SpanContext uploadContext;
        try (InMemoryTracing uploadService = new InMemoryTracing()) {
            try (SpanScope upload = uploadService.tracing.start("POST /documents")) {
                uploadContext = upload.spanContext();
                storedRow = serialize(JobTraceContext.capture());
                upload.success();
            }
        }

        // Later, a worker in another process (another SDK) picks the job up.
        try (InMemoryTracing worker = new InMemoryTracing()) {
            Map<String, String> restored = deserialize(storedRow);
            try (SpanScope job = worker.tracing.jobSpan("process document", restored)
                    .attribute(AttributeKey.stringKey("app.job.type"), "document_processing")
                    .start()) {
                job.success();
            }
            SpanData data = worker.span("process document");
            assertThat(data.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(data.getParentSpanContext().isValid()).isFalse();
            assertThat(data.getTraceId()).isNotEqualTo(uploadContext.getTraceId());
            assertThat(data.getLinks()).hasSize(1);
            LinkData link = data.getLinks().get(0);
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(uploadContext.getTraceId());
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(uploadContext.getSpanId());
            assertThat(link.getSpanContext().isRemote()).isTrue();
            assertThat(link.getSpanContext().isSampled()).isTrue();
        }
    }

    @Test
    void linkToKeepsTheCurrentParentWhenAsked() {
        try (InMemoryTracing otel = new InMemoryTracing()) {
            Map<String, String> stored;
            try (SpanScope producer = otel.tracing.start("enqueue")) {
                stored = JobTraceContext.capture();
                producer.success();
            }
            try (SpanScope poll = otel.tracing.start("poll")) {
                try (SpanScope job = otel.tracing.jobSpan("process", stored).parent(Context.current()).start()) {
                    job.success();
                }
                poll.success();
            }
            assertThat(otel.span("process").getParentSpanId()).isEqualTo(otel.span("poll").getSpanId());
            assertThat(otel.span("process").getLinks()).extracting(l -> l.getSpanContext().getSpanId())
                    .containsExactly(otel.span("enqueue").getSpanId());
        }
    }

    @Test
    void captureWritesW3cTraceparentAndTracestate() {
        SpanContext context = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                io.opentelemetry.api.trace.TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "value").build());
        Map<String, String> carrier = JobTraceContext.capture(Context.root().with(Span.wrap(context)));
        assertThat(carrier).containsExactly(
                Map.entry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                Map.entry("tracestate", "vendor=value"));

        SpanContext restored = JobTraceContext.restore(carrier);
        assertThat(restored.getTraceId()).isEqualTo(context.getTraceId());
        assertThat(restored.getSpanId()).isEqualTo(context.getSpanId());
        assertThat(restored.getTraceState().get("vendor")).isEqualTo("value");
    }

    @Test
    void missingOrMalformedContextsGiveNoLinkAndNoError() {
        Map<String, String> malformed = new HashMap<>();
        malformed.put("traceparent", "00-not-a-trace-01");
        assertThat(JobTraceContext.restore(null).isValid()).isFalse();
        assertThat(JobTraceContext.restore(Map.of()).isValid()).isFalse();
        assertThat(JobTraceContext.restore(malformed).isValid()).isFalse();
        assertThat(JobTraceContext.capture()).isEmpty();
        assertThat(JobTraceContext.capture(null)).isEmpty();

        try (InMemoryTracing otel = new InMemoryTracing()) {
            try (SpanScope job = otel.tracing.jobSpan("process", malformed).start()) {
                job.success();
            }
            assertThat(otel.span("process").getLinks()).isEmpty();
        }
    }

    private static String serialize(Map<String, String> map) throws Exception {
        Properties properties = new Properties();
        properties.putAll(map);
        StringWriter out = new StringWriter();
        properties.store(out, null);
        return out.toString();
    }

    private static Map<String, String> deserialize(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
