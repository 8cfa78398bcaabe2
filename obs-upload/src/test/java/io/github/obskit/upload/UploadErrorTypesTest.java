package io.github.obskit.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class UploadErrorTypesTest {

    @Test
    void classifiesByExceptionClassAndCauses() {
        assertThat(UploadErrorTypes.classify(new TimeoutException())).isEqualTo("timeout");
        assertThat(UploadErrorTypes.classify(
                new UncheckedIOException(new SocketTimeoutException("read timed out")))).isEqualTo("timeout");
        assertThat(UploadErrorTypes.classify(new FileNotFoundException("x"))).isEqualTo("io");
        assertThat(UploadErrorTypes.classify(new IllegalArgumentException("bad"))).isEqualTo("validation");
        assertThat(UploadErrorTypes.classify(new RuntimeException(new IllegalArgumentException())))
                .isEqualTo("validation");
        assertThat(UploadErrorTypes.classify(new IllegalStateException())).isEqualTo("internal");
        assertThat(UploadErrorTypes.classify(null)).isEqualTo("internal");
    }

    @Test
    void everyClassificationIsInTheClosedSet() {
        assertThat(UploadErrorTypes.ALL).contains("timeout", "io", "validation", "internal");
        assertThat(UploadTagKeys.ERROR_TYPE.defaultPolicy().allowedValues())
                .containsExactlyElementsOf(java.util.stream.Stream.concat(UploadErrorTypes.ALL.stream(),
                        java.util.stream.Stream.of("_OTHER")).toList());
        assertThat(UploadTagKeys.ERROR_TYPE.defaultPolicy().fallbackValue()).isEqualTo("_OTHER");
    }
}
