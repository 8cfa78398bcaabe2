package io.github.obskit.testsupport;

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
 * Attaches a logback appender with the real {@link LogstashEncoder} to one logger (and its
 * children) and parses what it writes, one JSON document per line. Duplicate keys fail the
 * parse, so a test also proves the output is well-formed. Close it to detach the appender.
 */
public final class JsonLogCapture implements AutoCloseable {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Logger logger;
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

    /**
     * Starts capturing what {@code loggerName} and its children write.
     *
     * @param loggerName a logger name such as {@code io.github.obskit.upload}
     */
    public JsonLogCapture(String loggerName) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setName("json-capture-" + loggerName);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(sink);
        appender.start();
        logger = context.getLogger(loggerName);
        logger.addAppender(appender);
    }

    /**
     * Returns every event written so far, parsed.
     *
     * @return the events in the order they were written
     */
    public List<JsonNode> events() {
        String text;
        synchronized (sink) {
            text = sink.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(l -> !l.isBlank()).map(STRICT::readTree)
                .collect(Collectors.toList());
    }

    /**
     * Returns the events whose {@code event_type} field is {@code type}.
     *
     * @param type an event type such as {@code http_request}
     * @return the matching events
     */
    public List<JsonNode> events(String type) {
        return events().stream()
                .filter(e -> e.has("event_type") && type.equals(e.get("event_type").asString()))
                .collect(Collectors.toList());
    }

    /**
     * Returns the raw text written so far.
     *
     * @return the JSON lines as written
     */
    public String rawText() {
        synchronized (sink) {
            return sink.toString(StandardCharsets.UTF_8);
        }
    }

    /** Forgets everything captured so far. */
    public void clear() {
        synchronized (sink) {
            sink.reset();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
