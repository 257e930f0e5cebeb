package uk.callretention.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The date, the machine and the JVM the figures were measured on, for the README's table. */
final class Machine {

    private Machine() {
    }

    static List<String> describe(String java) {
        List<String> lines = new ArrayList<>();
        lines.add("date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        lines.add("machine: nproc " + Runtime.getRuntime().availableProcessors() + ", " + cpuModel() + ", " + memory()
                + ", " + System.getProperty("os.arch") + ", load average at the end " + loadAverage());
        lines.add("JVM: " + java + " (" + javaVersion(java) + ")");
        return lines;
    }

    private static String cpuModel() {
        return procField("/proc/cpuinfo", "model name").orElseGet(() -> procField("/proc/cpuinfo", "CPU part").map(part -> "CPU part " + part)
                .orElse("CPU model unknown"));
    }

    private static String memory() {
        return procField("/proc/meminfo", "MemTotal").map(total -> {
            long kb = Long.parseLong(total.replace("kB", "").trim());
            return String.format("%.1f GiB memory", kb / 1024.0 / 1024.0);
        }).orElse("memory unknown");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> procField(String file, String name) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String javaVersion(String java) {
        try {
            Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return String.join("; ", text.strip().lines().toList());
        } catch (IOException e) {
            return "version unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "version unknown";
        }
    }
}
