package io.github.obskit.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.core.logging.LogEvent;
import io.github.obskit.core.logging.StructuredLogger;
import io.github.obskit.core.tracing.SpanAttributeKeys;
import io.github.obskit.core.tracing.SpanScope;
import io.github.obskit.core.tracing.SpanStarter;
import io.github.obskit.core.tracing.Tracing;
import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.JsonLogCapture;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

class OperationTest {

    private static final String EVENTS = "obskit.test.operation";

    private final InMemoryOpenTelemetry otel = new InMemoryOpenTelemetry();
    private final Tracing tracing = Tracing.create(otel.openTelemetry());
    private final JsonLogCapture logs = new JsonLogCapture(EVENTS);
    private final JsonLogCapture warnings = new JsonLogCapture("io.github.obskit");

    @AfterEach
    void tearDown() {
        logs.close();
        warnings.close();
        otel.close();
    }

    /** A minimal module handle: counts its ends and writes one field of its own. */
    private static final class Sample extends Operation {

        final List<String> ends;
        final AtomicInteger fieldCalls;

        Sample(OperationType type, SpanStarter span, boolean current, List<String> ends,
                AtomicInteger fieldCalls) {
            super(type, span, current);
            this.ends = ends;
            this.fieldCalls = fieldCalls;
        }

        @Override
        protected void onEnd(Outcome outcome, String errorType, long durationNanos) {
            ends.add(outcome.tagValue() + ":" + errorType);
        }

        @Override
        protected void logFields(LogEvent event) {
            fieldCalls.incrementAndGet();
            event.field("sample_id", "s-1");
        }
    }

    private final List<String> ends = new ArrayList<>();
    private final AtomicInteger fieldCalls = new AtomicInteger();
    private final OperationType type = OperationType.builder("sample")
            .events(StructuredLogger.create(LoggerFactory.getLogger(EVENTS)))
            .build();

    private Sample start(String name) {
        return new Sample(type, tracing.span(name), true, ends, fieldCalls);
    }

    @Test
    void oneFailureHasOneErrorTypeOnSpanMetricAndLogEvent() {
        try (Sample op = start("op")) {
            op.fail(new UncheckedIOException(new IOException("disk")), "storage");
            op.fail(new IllegalStateException("second"), "other_type");
            op.success();
        }

        assertThat(ends).containsExactly("error:storage");
        SpanData span = otel.span("op");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isEqualTo("storage");
        assertThat(span.getEvents()).hasSize(1); // the first exception only
        JsonNode event = logs.events("sample").get(0);
        assertThat(event.get("error_type").asString()).isEqualTo("storage");
        assertThat(event.get("status").asString()).isEqualTo("error");
        assertThat(event.get("level").asString()).isEqualTo("WARN");
        assertThat(event.get("sample_id").asString()).isEqualTo("s-1");
        assertThat(event.get("span_id").asString()).isEqualTo(span.getSpanId());
    }

    @Test
    void failWithoutTypeUsesTheClassificationAndADeclaredSetFoldsTheRest() {
        OperationType closed = OperationType.builder("closed")
                .errorTypes(e -> e instanceof IOException ? "io" : "internal", List.of("io", "internal", "file_too_large"))
                .build();
        List<String> closedEnds = new ArrayList<>();
        try (Sample op = new Sample(closed, tracing.span("a"), true, closedEnds, fieldCalls)) {
            op.fail(new IOException("x"));
        }
        try (Sample op = new Sample(closed, tracing.span("b"), true, closedEnds, fieldCalls)) {
            op.fail(null, "file_too_large");
        }
        try (Sample op = new Sample(closed, tracing.span("c"), true, closedEnds, fieldCalls)) {
            op.fail(null, "quota");
        }

        assertThat(closedEnds).containsExactly("error:io", "error:file_too_large", "error:_OTHER");
        assertThat(otel.span("b").getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isEqualTo("file_too_large");
        assertThat(otel.span("c").getAttributes().get(SpanAttributeKeys.ERROR_TYPE)).isEqualTo("_OTHER");
    }

    @Test
    void closedWithoutOutcomeIsAFailureAndWarnsOncePerType() {
        for (int i = 0; i < 3; i++) {
            start("quiet").close();
        }

        assertThat(ends).containsExactly("error:_OTHER", "error:_OTHER", "error:_OTHER");
        assertThat(otel.spans()).allSatisfy(s -> {
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(s.getStatus().getDescription()).isEqualTo(Operation.ENDED_WITHOUT_OUTCOME);
        });
        long warned = warnings.events().stream()
                .filter(e -> e.get("message").asString().contains("sample operation was closed without success()"))
                .count();
        assertThat(warned).isEqualTo(1);
    }

    @Test
    void successEndsUnsetAndCloseIsIdempotent() {
        Sample op = start("ok");
        op.success();
        op.close();
        op.close();
        op.fail(new IllegalStateException("after close"));

        assertThat(ends).containsExactly("success:null");
        assertThat(otel.spans()).hasSize(1);
        assertThat(otel.span("ok").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(logs.events("sample")).hasSize(1);
    }

    @Test
    void closingInAnyOrderRestoresTheContextOfBefore() {
        Context before = Context.current();
        Sample outer = start("outer");
        Sample middle = start("middle");
        SpanScope user = tracing.span("user").start();
        Sample inner = start("inner");

        outer.close();   // out of order: three handles are still open inside it
        user.close();
        middle.close();
        assertThat(Span.current().getSpanContext()).isEqualTo(inner.span().getSpanContext());
        inner.close();

        assertThat(Context.current()).isSameAs(before);
        assertThat(otel.spans()).hasSize(4);
    }

    @Test
    void childrenOfADetachedOperationAreItsChildrenAndNothingBecomesCurrent() {
        Context before = Context.current();
        Sample detached = new Sample(type, tracing.span("stream"), false, ends, fieldCalls);
        assertThat(Context.current()).isSameAs(before);
        try (SpanScope child = tracing.span("chunk").parent(detached.childContext()).start()) {
            child.success();
        }
        detached.success();
        detached.close();

        assertThat(otel.span("chunk").getParentSpanId()).isEqualTo(otel.span("stream").getSpanId());
        assertThat(logs.events("sample").get(0).get("span_id").asString())
                .isEqualTo(otel.span("stream").getSpanId());
    }

    @Test
    void withTracingOffNothingIsMadeCurrent() {
        Tracing off = Tracing.create(OpenTelemetry.noop());
        Context before = Context.current();
        try (Sample op = new Sample(type, off.span("noop"), true, ends, fieldCalls)) {
            assertThat(Context.current()).isSameAs(before);
            assertThat(op.childContext()).isSameAs(before);
            op.success();
        }
        assertThat(Context.current()).isSameAs(before);
        assertThat(ends).containsExactly("success:null");
    }

    @Test
    void noLogEventIsBuiltWhenItsLoggerIsOff() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(EVENTS);
        ch.qos.logback.classic.Level previous = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.OFF);
        try {
            try (Sample op = start("silent")) {
                op.success();
            }
            try (Sample op = start("silent-failure")) {
                op.fail(new IllegalStateException());
            }
        } finally {
            logger.setLevel(previous);
        }
        assertThat(fieldCalls).hasValue(0);
        assertThat(logs.events()).isEmpty();
        assertThat(ends).containsExactly("success:null", "error:java.lang.IllegalStateException");
    }

    @Test
    void concurrentFailuresAndCloseRecordExactlyOneEnd() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Sample op = new Sample(type, tracing.span("race"), false, ends, fieldCalls);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    String errorType = "t" + t;
                    futures.add(pool.submit(() -> {
                        go.await();
                        op.fail(null, errorType);
                        return null;
                    }));
                }
                futures.add(pool.submit(() -> {
                    go.await();
                    op.close();
                    return null;
                }));
                go.countDown();
                for (Future<?> f : futures) {
                    f.get(10, TimeUnit.SECONDS);
                }
                op.close();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ends).hasSize(200);
        assertThat(otel.spans()).hasSize(200);
        for (int i = 0; i < 200; i++) {
            String end = ends.get(i);
            String spanType = otel.spans().get(i).getAttributes().get(SpanAttributeKeys.ERROR_TYPE);
            assertThat(end).isIn("error:t0", "error:t1", "error:t2", "error:_OTHER");
            assertThat("error:" + spanType).isEqualTo(end); // the span says what the metric says
        }
    }

    @Test
    void theLambdaFormRecordsReturnAndThrowAndRethrowsUnchanged() {
        String result = Operation.run(start("lambda-ok"), op -> "done");
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> Operation.run(start("lambda-fail"), op -> {
            throw boom;
        })).isSameAs(boom);
        assertThatThrownBy(() -> Operation.run(start("lambda-reported"), op -> {
            op.fail(boom, "reported");
            throw boom;
        })).isSameAs(boom);

        assertThat(result).isEqualTo("done");
        assertThat(ends).containsExactly("success:null", "error:java.lang.IllegalStateException",
                "error:reported");
    }
}
