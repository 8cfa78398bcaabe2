package io.github.obskit.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.OutputStream;
import java.util.Collection;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/** What every benchmark shares: the registry, the log backends and the OpenTelemetry setups. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The registry every benchmark records into, as an application scraping Prometheus has. */
    static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * A logger at INFO whose only appender writes logstash-logback-encoder JSON to a stream that
     * discards it: the full encoding cost, no I/O.
     */
    static Logger jsonToNullStream(String name) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(name);
        logger.detachAndStopAllAppenders();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName("null-" + name);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(OutputStream.nullOutputStream());
        appender.setImmediateFlush(false);
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        return logger;
    }

    /** A logger that is switched off, as an application that disables the event logger has. */
    static Logger off(String name) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    /**
     * The OpenTelemetry SDK with a batch processor exporting to nowhere. A tight loop outruns
     * the export thread: past the queue's 65536 spans, ended spans are dropped (and counted by
     * the SDK), as they would be in production under the same load.
     */
    static OpenTelemetrySdk sdk(boolean sampled) {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setSampler(sampled ? Sampler.alwaysOn() : Sampler.alwaysOff())
                .addSpanProcessor(BatchSpanProcessor.builder(new NoopExporter()).setMaxQueueSize(65_536).build())
                .build();
        return OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    }

    static OpenTelemetry noop() {
        return OpenTelemetry.noop();
    }

    private static final class NoopExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
