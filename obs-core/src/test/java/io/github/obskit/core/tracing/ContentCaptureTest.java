package io.github.obskit.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentCaptureTest {

    @Test
    void offRecordsNothing() {
        ContentCapture off = ContentCapture.off();
        assertThat(off.isEnabled()).isFalse();
        assertThat(off.maxLength()).isZero();
        assertThat(off.apply("what is our refund policy?")).isNull();
    }

    @Test
    void onTruncatesToTheConfiguredLength() {
        ContentCapture capture = ContentCapture.truncatedTo(5);
        assertThat(capture.isEnabled()).isTrue();
        assertThat(capture.apply("hello world")).isEqualTo("hello");
        assertThat(capture.apply("hi")).isEqualTo("hi");
        assertThat(capture.apply("hello")).isEqualTo("hello");
        assertThat(capture.apply(null)).isNull();
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String text = "abcd\uD83D\uDE00tail"; // an emoji at index 4-5
        assertThat(ContentCapture.truncatedTo(5).apply(text)).isEqualTo("abcd");
        assertThat(ContentCapture.truncatedTo(6).apply(text)).isEqualTo("abcd\uD83D\uDE00");
    }

    @Test
    void rejectsANonPositiveLengthAndHasValueSemantics() {
        assertThatThrownBy(() -> ContentCapture.truncatedTo(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ContentCapture.truncatedTo(10)).isEqualTo(ContentCapture.truncatedTo(10))
                .hasSameHashCodeAs(ContentCapture.truncatedTo(10))
                .isNotEqualTo(ContentCapture.off());
        assertThat(ContentCapture.off()).hasToString("ContentCapture[off]");
    }
}
