package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileTypesTest {

    @ParameterizedTest
    @CsvSource({
        "application/pdf, pdf",
        "'text/plain; charset=utf-8', txt",
        "TEXT/HTML, html",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document, docx",
        "text/markdown, md",
        "image/jpeg, jpg",
        "pdf, pdf",
        ".PDF, pdf",
        "report.final.Docx, docx",
        "notes.markdown, md",
        "index.htm, html",
        "application/x-unheard-of, other",
        "archive.tar.gz, other",
        "noextension, other",
        "'   ', unknown",
        "'  Text/Plain ;charset=utf-8', txt",
        "' report.PDF ', pdf",
        "'text/plain;', txt",
        "/pdf, other",
        "'docs/report.pdf', other",
        "report., other",
        "'pdf;', pdf",
    })
    void normalizesMimeTypesExtensionsAndFileNames(String input, String expected) {
        assertThat(FileTypes.normalize(input)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void normalizingIsIdempotent() {
        for (String input : new String[] {"application/pdf", "x.unheard", null, "md"}) {
            String once = FileTypes.normalize(input);
            assertThat(FileTypes.normalize(once)).as(input).isEqualTo(once);
        }
    }

    @org.junit.jupiter.api.Test
    void missingIsUnknown() {
        assertThat(FileTypes.normalize(null)).isEqualTo("unknown");
        assertThat(FileTypes.normalize("")).isEqualTo("unknown");
    }
}
