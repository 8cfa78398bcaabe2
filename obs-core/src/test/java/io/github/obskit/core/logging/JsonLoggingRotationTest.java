package io.github.obskit.core.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The include's files are configurable and rotate by size. */
class JsonLoggingRotationTest {

    @TempDir
    Path dir;

    @Test
    void filesRotateBySizeAndKeepTheConfiguredNumberOfBackups() throws Exception {
        Path app = dir.resolve("svc/upload.log");
        Path errors = dir.resolve("svc/upload-errors.log");
        try (JsonLogs logs = new JsonLogs(dir, Map.of(
                "OBSKIT_LOG_FILE", app.toString(),
                "OBSKIT_ERROR_LOG_FILE", errors.toString(),
                "OBSKIT_LOG_MAX_FILE_SIZE", "2KB",
                "OBSKIT_LOG_MAX_BACKUPS", "2",
                "OBSKIT_LOG_SIZE_CHECK_INTERVAL", "1 millisecond"))) {
            Logger log = LoggerFactory.getLogger("io.github.obskit.test.rotation");
            String padding = "x".repeat(300);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                log.info("filling {}", padding);
                log.error("failing {}", padding);
                return Files.exists(Path.of(app + ".2")) && Files.exists(Path.of(errors + ".2"));
            });
            assertThat(Files.exists(logs.appFile())).as("default file name unused").isFalse();
            assertThat(Files.exists(Path.of(app + ".3"))).isFalse();
            assertThat(Files.exists(Path.of(errors + ".3"))).isFalse();
            // Rotation happens as soon as the size is reached, not a minute later.
            assertThat(Files.size(Path.of(app + ".1"))).isLessThan(4096);
            // Rotated files hold complete JSON lines, errors only in the error file.
            assertThat(JsonLogs.parse(Files.readAllBytes(Path.of(app + ".1")))).isNotEmpty();
            assertThat(JsonLogs.parse(Files.readAllBytes(Path.of(errors + ".1"))))
                    .allSatisfy(e -> assertThat(e.get("level").asString()).isEqualTo("ERROR"));
        }
    }
}
