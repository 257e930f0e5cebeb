package uk.callretention.bench.runner;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one line of figures a run prints, {@code BENCH figures name=value ...}, and its reading by the harness, so the two
 * cannot disagree on the format. Times are milliseconds, memory kB.
 */
public final class Figures {
    public static final String PREFIX = "BENCH figures ";
    /** Printed the moment the handler has answered: the harness stops its wall clock on it. */
    public static final String RESPONDED = "BENCH responded";
    public static final String RESPONSE = "BENCH response ";

    private Figures() {
    }

    public static String line(Map<String, Double> figures) {
        StringBuilder line = new StringBuilder(PREFIX);
        figures.forEach((name, value) -> line.append(name).append('=').append(String.format(Locale.ROOT, "%.3f", value)).append(' '));
        return line.toString().trim();
    }

    /** @throws IllegalArgumentException when the line is not one {@link #line} wrote */
    public static Map<String, Double> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a figures line: " + line);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" +")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not name=value: " + pair + " in " + line);
            }
            figures.put(pair.substring(0, equals), Double.parseDouble(pair.substring(equals + 1)));
        }
        return figures;
    }
}
