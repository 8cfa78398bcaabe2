package io.github.obskit.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} in a temporary directory, {@code
 * pg_ctl start} on 127.0.0.1 on a free port, trust authentication, stopped and deleted by {@link
 * #close()}. Uses Debian's binaries in {@code /usr/lib/postgresql/<version>/bin} (not on PATH);
 * {@code PG_BIN} overrides the directory. {@code initdb} refuses to run as root, so as root the
 * binaries run as the {@code postgres} user ({@code runuser -u postgres --}) on a directory that
 * user owns. Missing binaries fail the test with an explanation; they never skip it.
 *
 * <p>Most tests get one through {@link PostgresExtension} ({@code @ExtendWith}), which shares one
 * server per test run.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path directory, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /**
     * Initializes and starts a server.
     *
     * @return the running server
     * @throws IOException when the temporary directory or a command cannot be run
     * @throws InterruptedException when interrupted while waiting for a command
     * @throws IllegalStateException when the binaries are missing or a command fails
     */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("obskit-pg-");
        PostgresServer server = new PostgresServer(bin, directory, freePort(), root);
        try {
            if (root) {
                run(List.of("chown", "postgres:postgres", directory.toString()), directory, 30);
            }
            server.pg("initdb", "-D", server.data.toString(), "-U", SUPERUSER, "-A", "trust",
                    "-E", "UTF8", "--no-locale", "--no-sync");
            server.pg("pg_ctl", "-D", server.data.toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + server.port + " -h 127.0.0.1 -k " + directory
                            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    "start");
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port on 127.0.0.1
     */
    public int port() {
        return port;
    }

    /**
     * Returns the JDBC URL of a database on this server.
     *
     * @param database the database name
     * @return the URL
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Creates a database.
     *
     * @param name a plain lower-case name
     * @throws SQLException when the server refuses
     */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /**
     * Returns the driver's own (uninstrumented) data source for a database.
     *
     * @param database the database name
     * @return the data source
     */
    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(SUPERUSER);
        return ds;
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("could not stop PostgreSQL in " + directory + ": " + e);
        } finally {
            deleteRecursively(directory);
        }
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command, directory, 120);
    }

    private static void run(List<String> command, Path directory, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("obskit-pg-cmd-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(new File("/"))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                String log = Files.readString(output, StandardCharsets.UTF_8);
                Path serverLog = directory.resolve("server.log");
                if (Files.isReadable(serverLog)) {
                    log += "\nserver.log:\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
                }
                throw new IllegalStateException(String.join(" ", command) + " exited with "
                        + process.exitValue() + ":\n" + log);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path findBinaries() throws IOException {
        String override = System.getenv("PG_BIN");
        if (override != null && !override.isBlank()) {
            Path bin = Path.of(override);
            if (Files.isExecutable(bin.resolve("initdb"))) {
                return bin;
            }
            throw new IllegalStateException("PG_BIN=" + override + " has no initdb");
        }
        Path preferred = Path.of("/usr/lib/postgresql/15/bin");
        if (Files.isExecutable(preferred.resolve("initdb"))) {
            return preferred;
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())))
                        .orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found: no initdb in "
                + "/usr/lib/postgresql/*/bin. These tests start a real PostgreSQL server; install "
                + "it (Debian: apt-get install postgresql) or run .ci/run, which does. PG_BIN "
                + "may point at another bin directory.");
    }

    private static int versionOf(Path versionDirectory) {
        try {
            return Integer.parseInt(versionDirectory.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("could not delete " + p + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }
}
