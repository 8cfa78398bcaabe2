package io.github.obskit.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NoopTracingTest {

    private final Tracing tracing = Tracing.create(OpenTelemetry.noop());

    @Test
    void everyHelperWorksAndRecordsNothing() throws Exception {
        ExecutorService pool = ContextPropagation.wrap(Executors.newSingleThreadExecutor());
        Context before = Context.current();
        Map<String, String> stored;
        try (SpanScope upload = tracing.span("POST /documents")
                .attribute(SpanAttributeKeys.HTTP_REQUEST_METHOD, "POST")
                .attribute(SpanAttributeKeys.HTTP_RESPONSE_STATUS_CODE, 201)
                .start()) {
            assertThat(upload.span().isRecording()).isFalse();
            assertThat(upload.spanContext().isValid()).isFalse();
            stored = JobTraceContext.capture();
            try (SpanScope child = tracing.start("parse")) {
                child.attribute(AttributeKey.stringKey("app.document.id"), "doc-1")
                        .content(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES, "prompt", ContentCapture.truncatedTo(3));
                child.fail(new IllegalStateException("broken"));
            }
            SpanContext seen = pool.submit(() -> Span.current().getSpanContext()).get(10, TimeUnit.SECONDS);
            assertThat(seen.isValid()).isFalse();
            upload.success();
        }
        try (SpanScope job = tracing.jobSpan("process document", stored).start()) {
            assertThat(job.spanContext().isValid()).isFalse();
            assertThat(job.span().isRecording()).isFalse();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(stored).isEmpty();
        assertThat(JobTraceContext.restore(stored).isValid()).isFalse();
        assertThat(Context.current()).isSameAs(before);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
}
