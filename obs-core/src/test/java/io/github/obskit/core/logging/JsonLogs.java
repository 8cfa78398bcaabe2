package io.github.obskit.core.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures the real logback from a configuration that includes obs-core's shipped
 * {@code json-appenders.xml}, captures the console, and reads back what the three appenders
 * wrote, strictly: bytes must be valid UTF-8, every line one JSON object without duplicate keys.
 */
final class JsonLogs implements AutoCloseable {

    static final String INCLUDE = "io/github/obskit/logback/json-appenders.xml";

    /** Fails on duplicate keys, unlike a default parser which keeps the last one silently. */
    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    final Path dir;
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;

    JsonLogs(Path dir, Map<String, String> properties) throws JoranException {
        this.dir = dir;
        StringBuilder config = new StringBuilder("<configuration>\n");
        config.append("  <property name=\"OBSKIT_LOG_DIR\" value=\"").append(dir).append("\"/>\n");
        properties.forEach((name, value) ->
                config.append("  <property name=\"").append(name).append("\" value=\"").append(value).append("\"/>\n"));
        config.append("  <include resource=\"").append(INCLUDE).append("\"/>\n")
                .append("  <root level=\"INFO\">\n")
                .append("    <appender-ref ref=\"OBSKIT_JSON_CONSOLE\"/>\n")
                .append("    <appender-ref ref=\"OBSKIT_JSON_FILE\"/>\n")
                .append("    <appender-ref ref=\"OBSKIT_JSON_ERROR_FILE\"/>\n")
                .append("  </root>\n")
                .append("</configuration>\n");
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            context.reset();
            List<Status> statuses = new CopyOnWriteArrayList<>();
            StatusListener collector = statuses::add;
            context.getStatusManager().add(collector);
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(new ByteArrayInputStream(config.toString().getBytes(StandardCharsets.UTF_8)));
            } finally {
                context.getStatusManager().remove(collector);
            }
            List<Status> problems = new ArrayList<>();
            for (Status status : statuses) {
                // Configuring from a stream (not a file) leaves nothing to watch for changes.
                boolean noWatchList = status.getMessage().startsWith("Null ConfigurationWatchList");
                if (status.getLevel() >= Status.WARN && !noWatchList) {
                    problems.add(status);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("logback reported problems: " + problems);
            }
        } catch (JoranException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Path appFile() {
        return dir.resolve("app.log");
    }

    Path errorFile() {
        return dir.resolve("error.log");
    }

    List<JsonNode> app() throws IOException {
        return parse(Files.readAllBytes(appFile()));
    }

    List<JsonNode> errors() throws IOException {
        return Files.exists(errorFile()) ? parse(Files.readAllBytes(errorFile())) : List.of();
    }

    List<JsonNode> console() {
        return parse(console.toByteArray());
    }

    /** Everything written by the three appenders, as text. */
    String allRawText() throws IOException {
        StringBuilder all = new StringBuilder();
        all.append(strictUtf8(Files.readAllBytes(appFile())));
        if (Files.exists(errorFile())) {
            all.append(strictUtf8(Files.readAllBytes(errorFile())));
        }
        all.append(strictUtf8(console.toByteArray()));
        return all.toString();
    }

    static List<JsonNode> parse(byte[] bytes) {
        String text = strictUtf8(bytes);
        List<JsonNode> events = new ArrayList<>();
        if (text.isEmpty()) {
            return events;
        }
        if (!text.endsWith("\n")) {
            throw new AssertionError("output does not end with a line separator: " + text);
        }
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            JsonNode node = STRICT.readTree(line);
            if (!node.isObject()) {
                throw new AssertionError("not a JSON object: " + line);
            }
            events.add(node);
        }
        return events;
    }

    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("output is not valid UTF-8", e);
        }
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
    }
}
