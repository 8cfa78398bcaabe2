package io.github.obskit.core.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The shipped logback include, configured for real, writing JSON that is parsed back strictly. */
class JsonLoggingIncludeTest {

    private static final String FORGED = "\r\n{\"level\":\"ERROR\",\"message\":\"forged\"}\n";

    @TempDir
    Path dir;

    private JsonLogs logs;
    private final Logger log = LoggerFactory.getLogger("io.github.obskit.test.include");

    @BeforeEach
    void configure() throws Exception {
        logs = new JsonLogs(dir, Map.of());
    }

    @AfterEach
    void restore() {
        MDC.clear();
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void theStrictParserRejectsDuplicateKeys() {
        // Control for the duplicate-key tests: a default parser would accept this line.
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> JsonLogs.parse("{\"message\":\"a\",\"message\":\"b\"}\n".getBytes()))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void consoleAppFileAndErrorFileGetOneJsonObjectPerEvent() throws Exception {
        log.info("document stored");
        log.warn("slow parse");
        log.error("parse failed", new IllegalStateException("bad xref table"));

        List<JsonNode> app = logs.app();
        assertThat(app).extracting(e -> e.get("message").asString())
                .containsExactly("document stored", "slow parse", "parse failed");
        assertThat(app).extracting(e -> e.get("level").asString()).containsExactly("INFO", "WARN", "ERROR");
        assertThat(app.get(0).has("@timestamp")).isTrue();
        assertThat(app.get(0).get("logger_name").asString()).isEqualTo("io.github.obskit.test.include");
        assertThat(app.get(2).get("stack_trace").asString()).contains("IllegalStateException: bad xref table");

        List<JsonNode> errors = logs.errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("message").asString()).isEqualTo("parse failed");

        assertThat(logs.console()).extracting(e -> e.get("message").asString())
                .containsExactly("document stored", "slow parse", "parse failed");
    }

    @Test
    void forgedLinesInMessageValueAndMdcStayInsideOneEventWithTheRealLevel() throws Exception {
        MDC.put("request_path", "/upload" + FORGED);
        log.atInfo().setMessage("user said: hi" + FORGED).addKeyValue("file_name", "a.pdf" + FORGED).log();
        MDC.clear();
        log.warn("second" + FORGED);

        List<JsonNode> app = logs.app();
        assertThat(app).hasSize(2);
        JsonNode first = app.get(0);
        assertThat(first.get("level").asString()).isEqualTo("INFO");
        assertThat(first.get("message").asString()).isEqualTo("user said: hi" + FORGED);
        assertThat(first.get("file_name").asString()).isEqualTo("a.pdf" + FORGED);
        assertThat(first.get("request_path").asString()).isEqualTo("/upload" + FORGED);
        assertThat(app.get(1).get("level").asString()).isEqualTo("WARN");
        assertThat(logs.errors()).isEmpty();
        assertThat(logs.console()).hasSize(2);
    }

    @Test
    void nulLineSeparatorsAndLoneSurrogatesGiveValidJsonThatRoundTrips() throws Exception {
        String nasty = "a\u0000b\u2028c\u2029d\uD800e\uDC00f\u001b[31m \uD83D\uDE00 \u00e9t\u00e9";
        MDC.put("mdc_value", nasty);
        log.atInfo().setMessage(nasty).addKeyValue("kv_value", nasty).log();

        List<JsonNode> app = logs.app();
        assertThat(app).hasSize(1);
        JsonNode event = app.get(0);
        assertThat(event.get("level").asString()).isEqualTo("INFO");
        for (String field : List.of("message", "kv_value", "mdc_value")) {
            assertThat(event.get(field).asString()).as(field).isEqualTo(nasty);
        }
        String raw = JsonLogs.strictUtf8(Files.readAllBytes(logs.appFile()));
        assertThat(raw).doesNotContain("\u2028", "\u2029", "\u0000")
                .contains("\\u2028", "\\u2029", "\\u0000", "\\uD800e", "\u00e9t\u00e9");
        assertThat(logs.console()).hasSize(1);
    }

    @Test
    void keysNamedLikeStandardFieldsDoNotDuplicateThem() throws Exception {
        MDC.put("message", "from mdc");
        MDC.put("level", "ERROR");
        MDC.put("@timestamp", "1970-01-01");
        log.atInfo().setMessage("real message")
                .addKeyValue("message", "from kv")
                .addKeyValue("level", "ERROR")
                .addKeyValue("@timestamp", "1970-01-01")
                .addKeyValue("logger_name", "forged")
                .log();

        List<JsonNode> app = logs.app();
        assertThat(app).hasSize(1);
        JsonNode event = app.get(0);
        assertThat(event.get("message").asString()).isEqualTo("real message");
        assertThat(event.get("level").asString()).isEqualTo("INFO");
        assertThat(event.get("@timestamp").asString()).doesNotStartWith("1970");
        assertThat(event.get("logger_name").asString()).isEqualTo("io.github.obskit.test.include");
        assertThat(event.get("kv_message").asString()).isEqualTo("from kv");
        assertThat(event.get("kv_level").asString()).isEqualTo("ERROR");
        assertThat(event.get("kv_@timestamp").asString()).isEqualTo("1970-01-01");
        assertThat(event.get("mdc_message").asString()).isEqualTo("from mdc");
        assertThat(event.get("mdc_level").asString()).isEqualTo("ERROR");
        assertThat(logs.errors()).isEmpty();
    }

    @Test
    void secretCanariesNeverReachTheOutput() throws Exception {
        MDC.put("api_key", "sk-mdcCanary0123456789");
        log.atInfo()
                .setMessage("calling provider with Authorization: Bearer abc.def.ghi and key sk-msgCanary0123456789")
                .addKeyValue("authorization", "Bearer kvBearerCanary.xyz")
                .addKeyValue("Authorization", "Basic dXNlcjpjYW5hcnlQYXNz")
                .addKeyValue("jdbc_url", "jdbc:postgresql://db/app?user=app&password=pwCanary1&ssl=true")
                .addKeyValue("note", "login with password=hunter2Canary; token: tokCanary42; sent Basic YmFzaWNDYW5hcnk=")
                .addKeyValue("password", "plainPasswordCanary")
                .log();
        log.error("provider rejected request", new IllegalStateException(
                "401 for Authorization: Bearer excCanary.abc.def, api_key=excKeyCanary"));

        String raw = logs.allRawText();
        for (String canary : List.of("abc.def.ghi", "mdcCanary0123456789", "msgCanary0123456789", "kvBearerCanary",
                "dXNlcjpjYW5hcnlQYXNz", "pwCanary1", "hunter2Canary", "tokCanary42", "plainPasswordCanary",
                "excCanary", "excKeyCanary", "YmFzaWNDYW5hcnk")) {
            assertThat(raw).as("canary %s", canary).doesNotContain(canary);
        }

        JsonNode event = logs.app().get(0);
        assertThat(event.get("message").asString())
                .isEqualTo("calling provider with Authorization: Bearer **** and key ****");
        assertThat(event.get("authorization").asString()).isEqualTo("****");
        assertThat(event.get("Authorization").asString()).isEqualTo("****");
        assertThat(event.get("password").asString()).isEqualTo("****");
        assertThat(event.get("api_key").asString()).isEqualTo("****");
        assertThat(event.get("jdbc_url").asString())
                .isEqualTo("jdbc:postgresql://db/app?user=app&password=****&ssl=true");
        assertThat(event.get("note").asString()).isEqualTo("login with password=****; token: ****; sent Basic ****");
        assertThat(logs.errors().get(0).get("stack_trace").asString())
                .contains("401 for Authorization: Bearer ****, api_key=****");
    }

    @Test
    void ordinaryTextIsNotMasked() throws Exception {
        log.atInfo().setMessage("task-manager finished the risk-assessment; 12 tokens: ok")
                .addKeyValue("max_tokens", 256)
                .addKeyValue("user_agent", "curl/8.5")
                .log();
        JsonNode event = logs.app().get(0);
        assertThat(event.get("message").asString()).isEqualTo("task-manager finished the risk-assessment; 12 tokens: ok");
        assertThat(event.get("max_tokens").asInt()).isEqualTo(256);
        assertThat(event.get("user_agent").asString()).isEqualTo("curl/8.5");
    }
}
