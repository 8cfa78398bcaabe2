package io.github.obskit.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.testsupport.InMemoryOpenTelemetry;
import io.github.obskit.testsupport.ReadmeSnippets;
import io.github.obskit.upload.Document;
import io.github.obskit.upload.UploadTelemetry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's obs-business section is the body of {@link #example}; this keeps them equal and runs it. */
class ReadmeExampleTest {

    private static BusinessMetrics example(PrometheusMeterRegistry registry, OpenTelemetry openTelemetry,
            DataSource dataSource, String userId) {
        // README:business-start
        BusinessMetrics business = BusinessMetrics.builder(registry)
                .activityStore(JdbcActivityStore.create(dataSource)) // shared by the replicas; default in-memory
                .build();                                            // close() at shutdown
        UploadTelemetry upload = UploadTelemetry.builder(registry, openTelemetry)
                .listener(business.uploadListener())                 // uploads counted once, no second call
                .build();
        BusinessTelemetry feedback = BusinessTelemetry.create(business);

        business.recordActivity(userId);                 // every authenticated request
        business.recordUserRegistered("oauth");
        business.recordChatSession(userId, "en-US");     // language="en"
        business.recordMessageSent(userId, "user");
        feedback.satisfaction(userId, 4, "satisfied");   // user_satisfaction_score, and a
        feedback.responseQuality(userId, 0.82, "relevant"); // gen_ai.evaluation.result on the current span
        upload.upload(Document.builder("doc-1").fileType("report.pdf").userId(userId).build(), up -> "stored");
        // README:business-end
        return business;
    }

    @Test
    void theReadmeExampleRecordsTheBusinessMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:readme-business;DB_CLOSE_DELAY=-1");
        try (InMemoryOpenTelemetry tracing = new InMemoryOpenTelemetry();
                BusinessMetrics business = example(registry, tracing.openTelemetry(), h2, "alice")) {
            business.refresh();

            assertThat(registry.get("users.active.daily").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("users.registered").tag("registration_method", "oauth").counter().count())
                    .isEqualTo(1.0);
            assertThat(registry.get("chat.sessions").tag("language", "en").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("documents.uploaded").tag("user_id", "alice").tag("file_type", "pdf")
                    .tag("status", "success").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("user.satisfaction.score").tag("user_id", "_all").gauge().value())
                    .isEqualTo(4.0);
        }
    }

    @Test
    void theReadmeShowsExactlyThisExample() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/github/obskit/business/ReadmeExampleTest.java"));
        String snippet = ReadmeSnippets.between(source, "// README:business-start", "// README:business-end");
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).contains("```java\n" + snippet + "```\n");
    }
}
