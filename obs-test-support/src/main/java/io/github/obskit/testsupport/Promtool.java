package io.github.obskit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool} (Debian package {@code prometheus}) on real output of the
 * code under test. A missing promtool is a test failure with an explanation, never a skip: CI
 * installs it, and so must a developer who runs the suite.
 */
public final class Promtool {

    /** What one promtool run printed and how it ended. */
    public static final class Result {

        private final int exitCode;
        private final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        /**
         * Returns promtool's exit code.
         *
         * @return 0 when the check passed
         */
        public int exitCode() {
            return exitCode;
        }

        /**
         * Returns everything promtool printed (stdout and stderr).
         *
         * @return the output; empty when a metrics check found nothing
         */
        public String output() {
            return output;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output;
        }
    }

    private Promtool() {
    }

    /**
     * Returns the promtool executable.
     *
     * @return its path
     * @throws IllegalStateException when promtool is not installed
     */
    public static Path executable() {
        String override = System.getenv("PROMTOOL");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "promtool");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("promtool not found on PATH. Install it (Debian: "
                + "apt-get install prometheus) or run .ci/run, which does.");
    }

    /**
     * Runs {@code promtool check metrics} on a scrape in the Prometheus text format.
     *
     * @param exposition the scrape body
     * @return the result; a clean scrape exits 0 and prints nothing
     */
    public static Result checkMetrics(String exposition) {
        return run(exposition, "check", "metrics");
    }

    /**
     * Runs promtool with arguments, optionally feeding standard input.
     *
     * @param stdin text for standard input, or {@code null}
     * @param args promtool's arguments, such as {@code check rules file.yml}
     * @return the result
     */
    public static Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                process.getOutputStream().close();
            }
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish within 60 s");
            }
            return new Result(process.exitValue(), output.strip());
        } catch (IOException e) {
            throw new IllegalStateException("could not run promtool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running promtool", e);
        }
    }
}
