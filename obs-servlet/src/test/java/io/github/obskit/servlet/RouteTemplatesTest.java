package io.github.obskit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

    private final RouteTemplates routes = RouteTemplates.of(
            "/api/documents/{id}",
            "/api/documents/{id}/chunks/{chunk}",
            "/api/documents/search",
            "/api/chat/{sessionId}/messages",
            "/");

    @Test
    void variableSegmentsMatchAnyOneSegment() {
        assertThat(routes.match("/api/documents/42")).isEqualTo("/api/documents/{id}");
        assertThat(routes.match("/api/documents/0b1f-uuid")).isEqualTo("/api/documents/{id}");
        assertThat(routes.match("/api/documents/42/chunks/7"))
                .isEqualTo("/api/documents/{id}/chunks/{chunk}");
        assertThat(routes.match("/api/chat/s-1/messages")).isEqualTo("/api/chat/{sessionId}/messages");
    }

    @Test
    void literalSegmentsWinOverVariables() {
        assertThat(routes.match("/api/documents/search")).isEqualTo("/api/documents/search");
        assertThat(RouteTemplates.of("/a/{x}", "/a/b").match("/a/b")).isEqualTo("/a/b");
    }

    @Test
    void aSingleTrailingSlashIsIgnored() {
        assertThat(routes.match("/api/documents/42/")).isEqualTo("/api/documents/{id}");
        assertThat(RouteTemplates.of("/health/").match("/health")).isEqualTo("/health/");
    }

    @Test
    void pathsWithMoreFewerOrEmptySegmentsDoNotMatch() {
        assertThat(routes.match("/api/documents")).isNull();
        assertThat(routes.match("/api/documents/")).isNull();
        assertThat(routes.match("/api/documents/42/chunks")).isNull();
        assertThat(routes.match("/api/documents/42/x/7")).isNull();
        assertThat(routes.match("/api//42")).isNull();
        assertThat(routes.match("/api/documentsX/42")).isNull();
        assertThat(routes.match("/other")).isNull();
        assertThat(routes.match(null)).isNull();
    }

    @Test
    void rootTemplateMatchesTheRootOnly() {
        assertThat(routes.match("/")).isEqualTo("/");
        assertThat(routes.match("")).isEqualTo("/");
        assertThat(RouteTemplates.of("/").match("/x")).isNull();
    }

    @Test
    void malformedTemplatesAreRejected() {
        assertThatThrownBy(() -> RouteTemplates.of("api/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteTemplates.of("/a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteTemplates.of("/v{version}/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteTemplates.of("/a/{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteTemplates.of((String) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void templatesAreTriedMostLiteralFirstThenInRegistrationOrder() {
        assertThat(RouteTemplates.of("/{a}/{b}", "/x/{b}", "/{a}/y", "/x/{b}").templates())
                .containsExactly("/x/{b}", "/{a}/y", "/{a}/{b}");
        assertThat(RouteTemplates.none().isEmpty()).isTrue();
    }
}
