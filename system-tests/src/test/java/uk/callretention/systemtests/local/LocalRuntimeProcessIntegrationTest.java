package uk.callretention.systemtests.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.callretention.systemtests.local.TestRuntimes.eventually;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.callretention.local.aws.MotoServer;

/**
 * {@code java -jar local-runtime.jar} as a person runs it: Ctrl-C (SIGINT) or SIGTERM, during start-up or after,
 * leaves nothing running; a start-up error is one line and a non-zero exit.
 */
class LocalRuntimeProcessIntegrationTest {
    private static final Path JAR = Path.of("..", "local", "target", "local-runtime.jar").toAbsolutePath().normalize();

    private Path dataFolder;
    private Process runtime;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @BeforeEach
    void requireJar() {
        assumeTrue(Files.isRegularFile(JAR), "skipped: " + JAR + " is not built; run mvn -pl local -am package first");
        dataFolder = Path.of("target", "local-runtime-process", UUID.randomUUID().toString()).toAbsolutePath();
    }

    @AfterEach
    void stopRuntime() throws InterruptedException {
        if (runtime != null && runtime.isAlive()) {
            runtime.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlC_whenStartUpIsLoadingFunctions_stopsMotoAndExits() throws Exception {
        start("slow-start.yaml", Map.of());
        awaitLine("loading SlowStartFunction");
        long moto = motoPid();

        new ProcessBuilder("kill", "-INT", Long.toString(runtime.pid())).start().waitFor(10, TimeUnit.SECONDS);

        assertStoppedWithNothingLeft(moto);
    }

    @Test
    void sigterm_whenRunning_stopsMotoAndExits() throws Exception {
        start("template.yaml", Map.of());
        awaitLine("Press Ctrl-C to stop");
        long moto = motoPid();
        assertThat(dataFolder.resolve("endpoints.json")).exists();
        assertThat(stdout).anyMatch(line -> line.matches("  Console: http://127\\.0\\.0\\.1:\\d+/ .*"));
        assertThat(stdout).anyMatch(line -> line.contains("aws s3 cp file.wav s3://call-retention-local-uploads/rutland/customer-services/phone/2026/11/25/call-0001.wav"
                + " --endpoint-url http://127.0.0.1:") && line.startsWith("  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=eu-west-2"));

        runtime.destroy();

        assertStoppedWithNothingLeft(moto);
        assertThat(dataFolder.resolve("endpoints.json")).doesNotExist();
    }

    @Test
    void start_whenNoPythonHasMoto_printsOneLineAndExitsNonZero() throws Exception {
        start("template.yaml", Map.of("PATH", "/nonexistent", "LOCAL_AWS_PYTHON", ""));

        assertThat(runtime.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(runtime.exitValue()).isEqualTo(1);
        eventually(Duration.ofSeconds(5), "the error line", () -> stderr.isEmpty() ? Optional.empty() : Optional.of(stderr));
        assertThat(stderr).singleElement().asString()
                .startsWith("local runtime: no Python on this machine can import moto.server")
                .contains(MotoServer.PIP_INSTALL);
    }

    private void start(String template, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "--template", TestRuntimes.TEMPLATES.resolve(template).toAbsolutePath().toString(), "--data", dataFolder.toString());
        builder.environment().put("LOCAL_AWS_PORT", Integer.toString(MotoServer.freeLoopbackPort()));
        builder.environment().put("LOCAL_API_PORT", Integer.toString(MotoServer.freeLoopbackPort()));
        builder.environment().putAll(environment);
        runtime = builder.start();
        collect(runtime.getInputStream(), stdout);
        collect(runtime.getErrorStream(), stderr);
    }

    private static void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException closed) {
                // the process has gone; what it printed is already collected
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private void awaitLine(String containing) {
        eventually(Duration.ofSeconds(60), "'" + containing + "' in the runtime's output " + stdout + stderr,
                () -> stdout.stream().filter(line -> line.contains(containing)).findFirst());
    }

    private long motoPid() throws IOException {
        return Long.parseLong(Files.readString(dataFolder.resolve("moto.pid")).trim());
    }

    private void assertStoppedWithNothingLeft(long motoPid) throws InterruptedException {
        assertThat(runtime.waitFor(20, TimeUnit.SECONDS)).as("the runtime exits").isTrue();
        eventually(Duration.ofSeconds(10), "moto (pid " + motoPid + ") to stop",
                () -> ProcessHandle.of(motoPid).filter(ProcessHandle::isAlive).isEmpty() ? Optional.of(true) : Optional.empty());
        assertThat(dataFolder.resolve("moto.pid")).doesNotExist();
        assertThat(stderr).noneMatch(line -> line.contains("Exception"));
    }
}
