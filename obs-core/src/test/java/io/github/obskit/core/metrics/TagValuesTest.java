package io.github.obskit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagValuesTest {

    @Test
    void cleanValuesAreReturnedAsTheSameInstance() {
        String value = "user-42@example.com";
        assertThat(TagValues.sanitize(value)).isSameAs(value);
        assertThat(TagValues.sanitize("é ü 日本")).isEqualTo("é ü 日本");
        assertThat(TagValues.sanitize("😀 ok")).isEqualTo("😀 ok");
    }

    @Test
    void missingValuesBecomeUnknown() {
        assertThat(TagValues.sanitize(null)).isEqualTo(TagValues.UNKNOWN);
        assertThat(TagValues.sanitize("")).isEqualTo(TagValues.UNKNOWN);
        assertThat(TagValues.sanitize(" \t ")).isEqualTo(TagValues.UNKNOWN);
    }

    @Test
    void overlongValuesAreCutAtTheDocumentedLength() {
        String tenKb = "x".repeat(10 * 1024);
        assertThat(TagValues.sanitize(tenKb)).hasSize(TagValues.MAX_LENGTH).isEqualTo("x".repeat(128));
    }

    @Test
    void cutDoesNotSplitASurrogatePair() {
        String value = "a".repeat(TagValues.MAX_LENGTH - 1) + "😀";
        assertThat(TagValues.sanitize(value)).isEqualTo("a".repeat(TagValues.MAX_LENGTH - 1));
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreReplaced() {
        assertThat(TagValues.sanitize("a\r\nb")).isEqualTo("a__b");
        assertThat(TagValues.sanitize("say \"hi\"")).isEqualTo("say _hi_");
        assertThat(TagValues.sanitize("a\\b")).isEqualTo("a_b");
        assertThat(TagValues.sanitize("nul\u0000here")).isEqualTo("nul_here");
        assertThat(TagValues.sanitize("line\u2028sep")).isEqualTo("line_sep");
        assertThat(TagValues.sanitize("lone\uD800x")).isEqualTo("lone_x");
        assertThat(TagValues.sanitize("x\uDC00")).isEqualTo("x_");
    }
}
