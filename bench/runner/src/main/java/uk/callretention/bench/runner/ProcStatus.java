package uk.callretention.bench.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set, as Linux keeps it in {@code /proc/self/status}. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** VmHWM in kB: the most physical memory the process has held at once so far. */
    static long peakRssKb() {
        try {
            return peakRssKb(new String(Files.readAllBytes(Path.of("/proc/self/status")), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status (the benchmark runs on Linux)", e);
        }
    }

    static long peakRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String value = line.substring("VmHWM:".length()).trim();
                if (!value.endsWith("kB")) {
                    throw new IllegalArgumentException("VmHWM not in kB: " + line);
                }
                return Long.parseLong(value.substring(0, value.length() - 2).trim());
            }
        }
        throw new IllegalArgumentException("no VmHWM line in /proc/self/status");
    }
}
