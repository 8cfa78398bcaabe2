package io.github.obskit.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.obskit.testsupport.ThreadAllocation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact-path lookup the filter runs on every request. */
class ExcludedPathsTest {

    private static final int LOG = ExcludedPaths.ACCESS_LOG;
    private static final int METRICS = ExcludedPaths.METRICS;
    private static final int TRACING = ExcludedPaths.TRACING;
    private static final String LONG = "/api/v1/very/long/internal/path/" + "x".repeat(200) + "/ping";

    private final ExcludedPaths paths = ExcludedPaths.of(ordered(
            "/metrics", LOG | METRICS,
            "/health", LOG,
            "/health/ready", TRACING,
            "/", METRICS,
            LONG, LOG | TRACING,
            // "Aa" and "BB" have the same String.hashCode: one probe chain, two entries.
            "/Aa", LOG,
            "/BB", METRICS));

    @Test
    void aPathMatchesHoweverTheContainerSplitsItBetweenServletPathAndPathInfo() {
        for (String path : new String[] {"/metrics", "/health", "/health/ready", "/", LONG, "/Aa", "/BB"}) {
            int expected = paths.signals(path, null);
            assertThat(expected).as(path).isNotZero();
            for (int split = 0; split <= path.length(); split++) {
                String head = path.substring(0, split);
                String tail = path.substring(split);
                assertThat(paths.signals(head, tail.isEmpty() ? null : tail))
                        .as("%s split as '%s' + '%s'", path, head, tail).isEqualTo(expected);
            }
            assertThat(paths.signals(null, path)).as(path).isEqualTo(expected);
        }
        assertThat(paths.signals("/metrics", null)).isEqualTo(LOG | METRICS);
        assertThat(paths.signals("/health", "/ready")).isEqualTo(TRACING);
        assertThat(paths.signals("", "/")).isEqualTo(METRICS);
        assertThat(paths.signals("/Aa", null)).isEqualTo(LOG);
        assertThat(paths.signals("/B", "B")).isEqualTo(METRICS);
    }

    @Test
    void onlyTheExactPathMatches() {
        for (String other : new String[] {"/metrics/", "/metricsx", "/metric", "/Metrics", "/health/",
                "/healthz", "/health/live", "//health", "/app/health", LONG + "/", "/Ab", "/BA"}) {
            assertThat(paths.signals(other, null)).as(other).isZero();
            assertThat(paths.signals("", other)).as(other).isZero();
        }
        assertThat(paths.signals(null, null)).isZero();
        assertThat(paths.signals("", "")).isZero();
    }

    @Test
    void noneExcludedAnswersZeroForEveryPath() {
        ExcludedPaths none = ExcludedPaths.of(Map.of("/metrics", 0));

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.signals("/metrics", null)).isZero();
        assertThat(paths.isEmpty()).isFalse();
    }

    @Test
    void lookupsAllocateNothing() {
        String[][] requests = {
            {"/metrics", null}, {"/health", "/ready"}, {"", "/health"}, {"/api", "/documents/42"},
            {"/hello", null}, {"/Ab", null}, {"/api/v1/very/long", LONG.substring(17)},
        };
        long[] matched = new long[1];

        long allocated = ThreadAllocation.bytesAllocatedBy(200_000, i -> {
            String[] request = requests[i % requests.length];
            matched[0] += paths.signals(request[0], request[1]);
        });

        assertThat(allocated).as("bytes allocated by 200,000 lookups")
                .isLessThan(ThreadAllocation.ONE_OFF_ALLOWANCE_BYTES);
        assertThat(matched[0]).isPositive();
    }

    @Test
    void pathsThatAnExactMatchCouldNeverMatchAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ExcludedPaths.checkPath("metrics"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts with '/'");
        assertThatThrownBy(() -> ExcludedPaths.checkPath(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts with '/'");
        for (String pattern : new String[] {"/health/*", "/metrics?name[]=x", "/api/documents/{id}"}) {
            assertThatThrownBy(() -> ExcludedPaths.checkPath(pattern)).as(pattern)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("matched exactly").hasMessageContaining(pattern);
        }
        assertThat(ExcludedPaths.checkPath("/health/ready")).isEqualTo("/health/ready");
    }

    private static Map<String, Integer> ordered(Object... pathsAndSignals) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndSignals.length; i += 2) {
            map.put((String) pathsAndSignals[i], (Integer) pathsAndSignals[i + 1]);
        }
        return map;
    }
}
