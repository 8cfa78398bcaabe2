package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.obskit.core.operation.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listeners are told once per upload, with its outcome, and cannot break it. */
class UploadListenerTest {

    @Test
    void everyListenerIsToldOncePerUploadWithItsOutcome() {
        List<String> told = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UploadTelemetry upload = UploadTelemetry.builder(registry, OpenTelemetry.noop())
                .listener((d, o) -> { throw new IllegalStateException("a broken listener"); })
                .listener((d, o) -> told.add(d.id() + ":" + d.userId() + ":" + d.fileType() + ":" + o))
                .build();
        Document ok = Document.builder("doc-1").fileType("a.pdf").userId("alice").build();
        Document bad = Document.builder("doc-2").fileType("text/plain").userId("bob").build();

        try (DocumentUpload up = upload.upload(ok)) {
            up.success();
        }
        try (DocumentUpload up = upload.upload(bad)) {
            try (DocumentProcessing p = up.processDocument()) {
                p.fail(new IllegalStateException("parse"));
            }
            up.fail(new IllegalStateException("parse"));
        }
        upload.upload(ok, u -> "done");
        upload.processDocument(ok, p -> "not an upload");

        assertThat(told).containsExactly("doc-1:alice:pdf:" + Outcome.SUCCESS,
                "doc-2:bob:txt:" + Outcome.ERROR, "doc-1:alice:pdf:" + Outcome.SUCCESS);
        assertThat(registry.get("document.processing.duration").tag("stage", "upload").timer().count())
                .isEqualTo(3);
    }
}
