package uk.callretention.systemtests.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import uk.callretention.local.runtime.RuntimeOptions;
import uk.callretention.testsupport.LocalAws;

/** Runtimes on the test run's moto, each with its own stack, free ports and data folder. */
public final class TestRuntimes {
    public static final Path TEMPLATES = Path.of("src", "test", "resources", "local-runtime");
    static final Path EVENTS = Path.of("..", "events");

    private TestRuntimes() {
    }

    public static RuntimeOptions options(String template, LocalAws aws) {
        return options(TEMPLATES.resolve(template), aws);
    }

    static RuntimeOptions options(Path template, LocalAws aws) {
        String stackName = "rt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return RuntimeOptions.forTemplate(template)
                .withExistingAws(aws.endpoint())
                .withPorts(0, 0)
                .withStackName(stackName)
                .withDataFolder(Path.of("target", "local-runtime", stackName));
    }

    /** Polls until the probe finds something, or fails naming what it waited for. */
    public static <T> T eventually(Duration timeout, String what, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout.toSeconds() + "s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
