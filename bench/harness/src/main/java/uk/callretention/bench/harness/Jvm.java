package uk.callretention.bench.harness;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import uk.callretention.bench.runner.Figures;
import uk.callretention.local.template.FunctionDefinition;

/**
 * Starts one fresh JVM per run with the flags Lambda's java21 runtime uses, the function's jar and the runner on its
 * classpath and nothing else, and the function's environment; reads its figures and stops its wall clock when it
 * prints that the handler has answered.
 */
final class Jvm {
    /** C1 only, as the template's JAVA_TOOL_OPTIONS asks, with Lambda's own serial collector and class-data sharing default. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    private static final String RUNNER = "uk.callretention.bench.runner.Runner";
    private static final long TIMEOUT_SECONDS = 180;

    private final String java;
    private final Path runnerJar;
    private final Path cracJar;
    private final Path logs;

    Jvm(String java, Path runnerJar, Path cracJar, Path logs) {
        this.java = java;
        this.runnerJar = runnerJar;
        this.cracJar = cracJar;
        this.logs = logs;
    }

    /** What one run printed: its figures, its answer, and the wall time from starting the process to the answer. */
    record Run(double wallMs, Map<String, Double> figures, String response) {
    }

    /** The JVM's flags for a function of {@code memoryMb}: the heap capped a little under the function's memory, as Lambda caps it. */
    static List<String> flags(int memoryMb) {
        List<String> flags = new ArrayList<>(LAMBDA_FLAGS);
        flags.add("-Xmx" + memoryMb * 85 / 100 + "m");
        return flags;
    }

    Run run(String label, Path jar, String handler, FunctionDefinition function, Map<String, String> environment, String mode, List<Path> events) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(flags(function.memoryMb()));
        command.add("-Dbench.timeoutMillis=" + function.timeoutSeconds() * 1000L);
        command.add("-cp");
        command.add(classpath(jar, mode.equals("primed")));
        command.add(RUNNER);
        command.add(mode);
        command.add(handler);
        events.forEach(event -> command.add(event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(logs.resolve(label + ".err").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        List<String> printed = new ArrayList<>();
        double wallMs = Double.NaN;
        Map<String, Double> figures = null;
        String response = null;
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(Figures.RESPONDED)) {
                        wallMs = (System.nanoTime() - started) / 1_000_000.0;
                    } else if (line.startsWith(Figures.PREFIX)) {
                        figures = Figures.parse(line);
                    } else if (line.startsWith(Figures.RESPONSE)) {
                        response = line.substring(Figures.RESPONSE.length());
                    }
                    printed.add(line);
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.write(logs.resolve(label + ".out"), printed);
            if (figures == null || process.exitValue() != 0) {
                throw new IllegalStateException(label + " failed (exit " + process.exitValue() + "); see " + logs.resolve(label + ".err")
                        + " and .out: " + String.join(" | ", printed.subList(Math.max(0, printed.size() - 5), printed.size())));
            }
            return new Run(wallMs, new LinkedHashMap<>(figures), response);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + java, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The runner and the function's own jar; for a primed run, org.crac too when the jar has none, so that there is one
     * copy, the one its hooks would register with.
     */
    private String classpath(Path jar, boolean primed) {
        List<String> entries = new ArrayList<>(List.of(runnerJar.toString(), jar.toString()));
        if (primed && !hasCrac(jar)) {
            entries.add(cracJar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    static boolean hasCrac(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("org/crac/Core.class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
