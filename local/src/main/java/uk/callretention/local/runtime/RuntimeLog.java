package uk.callretention.local.runtime;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The runtime's own log lines, told apart from the functions' by the {@code [local]} prefix. */
public final class RuntimeLog {
    private RuntimeLog() {
    }

    public static void info(String message) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [local] " + message);
    }

    public static void error(String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [local] ERROR " + message);
    }
}
