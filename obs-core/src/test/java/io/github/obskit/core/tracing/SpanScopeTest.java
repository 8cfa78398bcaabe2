package io.github.obskit.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpanScopeTest {

    /** Application-defined keys: obs-core has no domain keys of its own. */
    private static final AttributeKey<String> DOCUMENT_ID = AttributeKey.stringKey("app.document.id");
    private static final AttributeKey<Long> DOCUMENT_SIZE = AttributeKey.longKey("app.document.size");
    private static final AttributeKey<String> DOCUMENT_FILE_TYPE = AttributeKey.stringKey("app.document.file_type");

    private final InMemoryTracing otel = new InMemoryTracing();
    private final Tracing tracing = otel.tracing;

    /** The SDK reports calls on an ended span (a second end() included) to this logger. */
    private final Logger sdkSpanLogger = Logger.getLogger("io.opentelemetry.sdk.trace.SdkSpan");
    private final List<String> sdkComplaints = new ArrayList<>();
    private final Handler complaintRecorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            sdkComplaints.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void recordSdkComplaints() {
        previousLevel = sdkSpanLogger.getLevel();
        sdkSpanLogger.setLevel(Level.ALL);
        complaintRecorder.setLevel(Level.ALL);
        sdkSpanLogger.addHandler(complaintRecorder);
    }

    @AfterEach
    void tearDown() {
        sdkSpanLogger.removeHandler(complaintRecorder);
        sdkSpanLogger.setLevel(previousLevel);
        otel.close();
    }

    @Test
    void nestedHandlesAreParentAndChildAndCurrentWhileOpen() {
        SpanContext parentContext;
        SpanContext childContext;
        try (SpanScope parent = tracing.span("document_upload").kind(SpanKind.SERVER).start()) {
            parentContext = parent.spanContext();
            assertThat(Span.current().getSpanContext()).isEqualTo(parentContext);
            try (SpanScope child = tracing.start("document_processing")) {
                childContext = child.spanContext();
                assertThat(Span.current().getSpanContext()).isEqualTo(childContext);
                child.success();
            }
            assertThat(Span.current().getSpanContext()).isEqualTo(parentContext);
            parent.success();
        }
        assertThat(Span.current().getSpanContext().isValid()).isFalse();

        SpanData parent = otel.span("document_upload");
        SpanData child = otel.span("document_processing");
        assertThat(parent.getParentSpanContext().isValid()).isFalse();
        assertThat(parent.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(child.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
        assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(child.getSpanId()).isEqualTo(childContext.getSpanId());
        assertThat(parent.getSpanId()).isEqualTo(parentContext.getSpanId());
        assertThat(parent.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(child.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(child.getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isNull();
    }

    @Test
    void attributesSetBeforeAndAfterStartAreRecorded() {
        try (SpanScope span = tracing.span("chat gpt-4o")
                .attribute(SpanAttributeKeys.GEN_AI_OPERATION_NAME, SpanAttributeKeys.GEN_AI_OPERATION_CHAT)
                .attribute(SpanAttributeKeys.GEN_AI_REQUEST_MODEL, "gpt-4o")
                .attribute(SpanAttributeKeys.GEN_AI_REQUEST_MAX_TOKENS, 256)
                .attribute(SpanAttributeKeys.USER_ID, null)
                .start()) {
            span.attribute(SpanAttributeKeys.GEN_AI_USAGE_INPUT_TOKENS, 120)
                    .attribute(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS, 42L)
                    .attribute(SpanAttributeKeys.GEN_AI_REQUEST_TEMPERATURE, 0.2);
            span.success();
        }
        SpanData data = otel.span("chat gpt-4o");
        assertThat(data.getAttributes().get(SpanAttributeKeys.GEN_AI_OPERATION_NAME)).isEqualTo("chat");
        assertThat(data.getAttributes().get(SpanAttributeKeys.GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
        assertThat(data.getAttributes().get(SpanAttributeKeys.GEN_AI_REQUEST_MAX_TOKENS)).isEqualTo(256L);
        assertThat(data.getAttributes().get(SpanAttributeKeys.GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(120L);
        assertThat(data.getAttributes().get(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(42L);
        assertThat(data.getAttributes().get(SpanAttributeKeys.GEN_AI_REQUEST_TEMPERATURE)).isEqualTo(0.2);
        assertThat(data.getAttributes().get(SpanAttributeKeys.USER_ID)).isNull();
    }

    @Test
    void failWithExceptionRecordsItAndSetsErrorStatus() {
        IOException cause = new IOException("disk full");
        try (SpanScope span = tracing.start("store_document")) {
            span.fail(cause);
        }
        SpanData data = otel.span("store_document");
        assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(data.getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isEqualTo("java.io.IOException");
        List<EventData> events = data.getEvents();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getName()).isEqualTo("exception");
        assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
                .isEqualTo("java.io.IOException");
        assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
                .isEqualTo("disk full");
    }

    @Test
    void anExceptionEscapingTheTryBlockEndsTheSpanWithError() {
        assertThatThrownBy(() -> {
            try (SpanScope span = tracing.start("parse")) {
                span.attribute(DOCUMENT_FILE_TYPE, "pdf");
                throw new UncheckedIOException(new IOException("truncated PDF"));
            }
        }).isInstanceOf(UncheckedIOException.class);

        SpanData data = otel.span("parse");
        assertThat(data.hasEnded()).isTrue();
        assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(data.getStatus().getDescription()).isEqualTo(SpanScope.ENDED_WITHOUT_OUTCOME);
        assertThat(data.getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isEqualTo("_OTHER");
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void catchFailRethrowRecordsTheRealException() {
        assertThatThrownBy(() -> {
            try (SpanScope span = tracing.start("embed")) {
                try {
                    throw new IllegalStateException("model not loaded");
                } catch (RuntimeException e) {
                    span.fail(e);
                    throw e;
                }
            }
        }).isInstanceOf(IllegalStateException.class);

        SpanData data = otel.span("embed");
        assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(data.getStatus().getDescription()).isEmpty();
        assertThat(data.getAttributes().get(SpanAttributeKeys.ERROR_TYPE))
                .isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void failWithErrorTypeNeedsNoException() {
        try (SpanScope span = tracing.start("GET /documents")) {
            span.fail("500");
        }
        SpanData data = otel.span("GET /documents");
        assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(data.getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isEqualTo("500");
        assertThat(data.getEvents()).isEmpty();
    }

    @Test
    void failureIsFinalAndTheFirstErrorTypeWins() {
        try (SpanScope span = tracing.start("retrieve")) {
            span.fail(new IllegalArgumentException("bad top_k"));
            span.fail("timeout");
            span.success();
        }
        SpanData data = otel.span("retrieve");
        assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(data.getAttributes().get(SpanAttributeKeys.ERROR_TYPE))
                .isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void successReturnsTheResultForEarlyReturns() {
        assertThat(cachedAnswer()).isEqualTo("cached");
        assertThat(otel.span("answer").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    private String cachedAnswer() {
        try (SpanScope span = tracing.start("answer")) {
            return span.success("cached");
        }
    }

    @Test
    void closeEndsTheSpanExactlyOnceAndLaterCallsAreIgnored() {
        Context before = Context.current();
        SpanScope span = tracing.start("chunk");
        span.success();
        span.close();
        span.close();
        span.fail(new IllegalStateException("after close"));
        span.fail("late");
        span.attribute(DOCUMENT_ID, "doc-1");
        span.attribute(DOCUMENT_SIZE, 10L);
        span.content(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES, "text", ContentCapture.truncatedTo(10));

        assertThat(span.isClosed()).isTrue();
        assertThat(Context.current()).isSameAs(before);
        assertThat(otel.spans()).hasSize(1);
        SpanData data = otel.span("chunk");
        assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(data.getAttributes().get(DOCUMENT_ID)).isNull();
        assertThat(data.getEvents()).isEmpty();
        // The SDK logs every end(), setAttribute() or setStatus() on an ended span.
        assertThat(sdkComplaints).isEmpty();
    }

    @Test
    void sdkComplaintRecorderSeesASecondEnd() {
        // Control for the exactly-once test above: a plain double end() is visible.
        Span span = tracing.tracer().spanBuilder("plain").startSpan();
        span.end();
        span.end();
        assertThat(sdkComplaints).anyMatch(message -> message.contains("end() on an ended"));
    }

    @Test
    void aDetachedSpanIsNotCurrentAndCanEndOnAnotherThread() throws Exception {
        SpanContext requestContext;
        try (SpanScope request = tracing.start("POST /chat")) {
            requestContext = request.spanContext();
            SpanScope stream = tracing.span("chat gpt-4o").startDetached();
            assertThat(Span.current().getSpanContext()).isEqualTo(requestContext);
            Thread finisher = new Thread(() -> {
                stream.attribute(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS, 17L);
                stream.success();
                stream.close();
            });
            finisher.start();
            finisher.join(10_000);
            assertThat(stream.isClosed()).isTrue();
            assertThat(Span.current().getSpanContext()).isEqualTo(requestContext);
            request.success();
        }
        SpanData stream = otel.span("chat gpt-4o");
        assertThat(stream.getParentSpanId()).isEqualTo(requestContext.getSpanId());
        assertThat(stream.getAttributes().get(SpanAttributeKeys.GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(17L);
        assertThat(stream.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(sdkComplaints).isEmpty();
    }

    @Test
    void contentAttributeFollowsThePolicy() {
        String prompt = "Summarise the attached contract in three bullet points";
        try (SpanScope span = tracing.start("off")) {
            span.content(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES, prompt, ContentCapture.off());
            span.content(SpanAttributeKeys.GEN_AI_OUTPUT_MESSAGES, prompt, null);
            span.success();
        }
        try (SpanScope span = tracing.start("on")) {
            span.content(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES, prompt, ContentCapture.truncatedTo(9));
            span.success();
        }
        assertThat(otel.span("off").getAttributes().get(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(otel.span("off").getAttributes().get(SpanAttributeKeys.GEN_AI_OUTPUT_MESSAGES)).isNull();
        assertThat(otel.span("on").getAttributes().get(SpanAttributeKeys.GEN_AI_INPUT_MESSAGES))
                .isEqualTo("Summarise");
    }

    @Test
    void nullAndBlankNamesAndFailuresDoNotThrow() {
        try (SpanScope span = tracing.start(null)) {
            span.fail((Throwable) null);
        }
        try (SpanScope span = tracing.span(" ").kind(null).parent(null).link(null).linkTo(null).start()) {
            span.fail((String) null);
        }
        assertThat(otel.spans()).extracting(SpanData::getName).containsExactly("unknown", "unknown");
        assertThat(otel.spans()).allSatisfy(s -> {
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(s.getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isEqualTo("_OTHER");
        });
    }

    @Test
    void explicitParentAndNoParent() {
        SpanContext outerContext;
        try (SpanScope outer = tracing.start("outer")) {
            outerContext = outer.spanContext();
            outer.success();
        }
        Context stored = Context.root().with(Span.wrap(outerContext));
        try (SpanScope current = tracing.start("current")) {
            try (SpanScope child = tracing.span("explicit").parent(stored).start()) {
                child.success();
            }
            try (SpanScope root = tracing.span("root").noParent().start()) {
                root.success();
            }
            current.success();
        }
        assertThat(otel.span("explicit").getParentSpanId()).isEqualTo(outerContext.getSpanId());
        assertThat(otel.span("root").getParentSpanContext().isValid()).isFalse();
        assertThat(otel.span("root").getTraceId()).isNotEqualTo(otel.span("current").getTraceId());
    }
}
