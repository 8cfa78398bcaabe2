package io.github.obskit.rag.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpanNamesTest {

    @Test
    void namesAreBuiltOnceForTheFirstTargetsAndConcatenatedBeyondTheCap() {
        SpanNames names = new SpanNames("embeddings");

        for (int i = 0; i < SpanNames.MAX_ENTRIES; i++) {
            String name = names.name("model-" + i);
            assertThat(name).isEqualTo("embeddings model-" + i);
            assertThat(names.name("model-" + i)).isSameAs(name);
        }
        String beyond = names.name("model-" + SpanNames.MAX_ENTRIES);
        assertThat(beyond).isEqualTo("embeddings model-" + SpanNames.MAX_ENTRIES);
        assertThat(names.name("model-" + SpanNames.MAX_ENTRIES))
                .isEqualTo(beyond).isNotSameAs(beyond);
        assertThat(names.name("model-0")).isSameAs(names.name("model-0"));
    }

    @Test
    void withoutATargetTheNameIsTheOperation() {
        assertThat(new SpanNames("chat").name(null)).isEqualTo("chat");
    }
}
