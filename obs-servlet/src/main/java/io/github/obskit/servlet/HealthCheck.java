package io.github.obskit.servlet;

import java.util.Objects;
import java.util.Optional;

/**
 * One named check of a {@link HealthServlet}, such as "database" or "embedding model". A check
 * that returns {@link Result#unhealthy(String)}, returns {@code null}, throws, or runs past the
 * servlet's timeout counts as failed.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Runs the check. It runs on the servlet's executor and is interrupted when it exceeds the
     * timeout.
     *
     * @return the outcome
     * @throws Exception any failure, reported as an unhealthy result
     */
    Result check() throws Exception;

    /** The outcome of one check run: healthy or not, with an optional short detail. Immutable. */
    final class Result {

        private static final Result HEALTHY = new Result(true, null);

        private final boolean healthy;
        private final String detail;

        private Result(boolean healthy, String detail) {
            this.healthy = healthy;
            this.detail = detail;
        }

        /**
         * A passing check.
         *
         * @return the result
         */
        public static Result healthy() {
            return HEALTHY;
        }

        /**
         * A passing check with a detail, such as a version or a pool size.
         *
         * @param detail shown in the health JSON; keep it free of secrets
         * @return the result
         */
        public static Result healthy(String detail) {
            return new Result(true, Objects.requireNonNull(detail, "detail"));
        }

        /**
         * A failing check.
         *
         * @param detail why it failed, shown in the health JSON; keep it free of secrets
         * @return the result
         */
        public static Result unhealthy(String detail) {
            return new Result(false, Objects.requireNonNull(detail, "detail"));
        }

        /**
         * Tells whether the check passed.
         *
         * @return {@code true} when healthy
         */
        public boolean isHealthy() {
            return healthy;
        }

        /**
         * Returns the detail.
         *
         * @return the detail, if any
         */
        public Optional<String> detail() {
            return Optional.ofNullable(detail);
        }

        @Override
        public String toString() {
            return (healthy ? "UP" : "DOWN") + (detail == null ? "" : " (" + detail + ")");
        }
    }
}
