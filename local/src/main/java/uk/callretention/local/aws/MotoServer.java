package uk.callretention.local.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's server (local S3, SQS, DynamoDB, Secrets Manager and Cognito in one process) on a loopback port, started
 * as a child process and stopped by its process id, so nothing outlives the JVM that started it.
 *
 * <p>moto 5.2.1's S3 event records lack {@code versionId} and {@code sequencer}, write {@code eventTime} in local
 * time without a zone, and URL-encode {@code /} in the key. Real S3 events have the first two (the tagger HEADs
 * the exact version and orders events by sequencer), an ISO-8601 UTC time, and leave {@code /} as it is, so the
 * server is started through {@code moto_server.py} (a resource beside this class), which makes moto's records match.
 *
 * <p>moto's DynamoDB reads an item, evaluates the condition and writes it back in separate steps, in whichever of
 * its request threads: two conditional writes racing for one item can both succeed, and a failed transaction puts
 * back a copy of the whole table taken before it began, undoing other requests' writes. DynamoDB applies each
 * item write (and each transaction) atomically, so the script also makes moto's item reads and writes run one at
 * a time.
 */
public final class MotoServer implements AutoCloseable {

    public static final String PIP_INSTALL = "pip install \"moto[server]==5.2.1\"";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Python run with {@code python -c}; the arguments after it reach moto's own main(). */
    private static final String SCRIPT = "moto_server.py";

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, "moto-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts moto on 127.0.0.1. Port 0 picks a free port.
     *
     * @throws LocalAwsException naming what to do when no Python has moto, the port is taken or moto does not come up
     */
    public static MotoServer start(int port, Path logFile) {
        String python = findPythonWithMoto();
        int chosen = port == 0 ? freeLoopbackPort() : requireFree(port);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(python, "-c", script(), "-H", "127.0.0.1", "-p", Integer.toString(chosen))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            MotoServer server = new MotoServer(process, chosen, logFile);
            try {
                server.awaitReady();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new LocalAwsException("could not start moto's server with " + python + ": " + e.getMessage(), e);
        }
    }

    private static String script() throws IOException {
        try (InputStream in = MotoServer.class.getResourceAsStream(SCRIPT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private void stopProcess() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> family = new ArrayList<>(handle.descendants().toList());
        family.add(handle);
        family.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                family.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            family.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new LocalAwsException("moto's server exited at start (code " + process.exitValue() + "): " + logTail());
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalAwsException("interrupted while waiting for moto's server", e);
            }
        }
        throw new LocalAwsException("moto's server did not answer on port " + port + " within " + START_TIMEOUT.toSeconds() + "s: " + logTail());
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/moto-api/data.json").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The first of $LOCAL_AWS_PYTHON, python3, python and pyenv's python3 that can import moto.server. */
    public static String findPythonWithMoto() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("LOCAL_AWS_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add("python");
        // pyenv's Python, where a shell's PATH set-up (which puts it first) has not run, as under some CI runners.
        candidates.add(System.getProperty("user.home") + "/.pyenv/shims/python3");
        for (String candidate : candidates) {
            if (importsMoto(candidate)) {
                return candidate;
            }
        }
        throw new LocalAwsException("no Python on this machine can import moto.server (tried " + String.join(", ", candidates)
                + "). Install it with: " + PIP_INSTALL + "  or point LOCAL_AWS_PYTHON at a Python that has it.");
    }

    private static boolean importsMoto(String python) {
        try {
            Process check = new ProcessBuilder(python, "-c", "import moto.server")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A port on 127.0.0.1 that nothing listens on now. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with a message naming the port when something already listens there. */
    public static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (BindException e) {
            throw new LocalAwsException("port " + port + " on 127.0.0.1 is already in use: stop what listens there or choose another port");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
