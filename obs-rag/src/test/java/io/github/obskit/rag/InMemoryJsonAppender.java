package io.github.obskit.rag;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logback appender that keeps what its encoder (LogstashEncoder, see logback-test.xml) writes
 * in memory, so tests parse the real JSON lines an application would ship.
 */
public final class InMemoryJsonAppender extends OutputStreamAppender<ILoggingEvent> {

    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void start() {
        setOutputStream(OUT);
        super.start();
    }

    /** Forgets everything written so far. */
    static void clear() {
        OUT.reset();
    }

    /** Returns every JSON line written so far, parsed. */
    static List<JsonNode> events() {
        String text = new String(OUT.toByteArray(), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank()).map(JSON::readTree)
                .collect(Collectors.toList());
    }

    /** Returns the parsed events whose {@code query_id} field equals {@code queryId}. */
    static List<JsonNode> eventsFor(String queryId) {
        return events().stream()
                .filter(e -> e.has("query_id") && e.get("query_id").asString().equals(queryId))
                .collect(Collectors.toList());
    }
}
