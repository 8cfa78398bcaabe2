package io.github.obskit.servlet;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attaches a logback appender with the real {@link LogstashEncoder} to one logger and parses
 * what it writes, one JSON document per line. Duplicate keys fail the parse.
 */
final class JsonLogCapture implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Logger logger;
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

    JsonLogCapture(String loggerName) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setName("json-capture");
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(sink);
        appender.start();
        logger = context.getLogger(loggerName);
        logger.addAppender(appender);
    }

    /** Every event written so far, parsed. */
    List<JsonNode> events() {
        String text;
        synchronized (sink) {
            text = sink.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(l -> !l.isBlank()).map(JSON::readTree)
                .collect(Collectors.toList());
    }

    /** The events whose {@code event_type} is {@code type}. */
    List<JsonNode> events(String type) {
        return events().stream()
                .filter(e -> e.has("event_type") && type.equals(e.get("event_type").asString()))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
