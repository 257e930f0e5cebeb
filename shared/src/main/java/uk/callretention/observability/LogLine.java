package uk.callretention.observability;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON line per event, with context as fields. Callers put ids, councils and outcomes here, never caller
 * numbers, tokens or presigned URLs.
 */
public final class LogLine {

    /** The CloudWatch namespace of every metric the functions report. */
    public static final String METRICS_NAMESPACE = "CallRetention";

    private final PrintStream out;
    private final Clock clock;

    public LogLine(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    /** A CloudWatch Embedded Metric Format count, which CloudWatch turns into a metric without an API call. */
    public void count(String namespace, String metric, Map<String, String> dimensions) {
        count(namespace, metric, dimensions, Map.of());
    }

    /** As {@link #count(String, String, Map)}, with properties that the line carries and the metric does not. */
    public void count(String namespace, String metric, Map<String, String> dimensions, Map<String, ?> properties) {
        metric(namespace, metric, 1, "Count", dimensions, properties);
    }

    /** A measured value, such as a number of days, in the same format; no unit fits days, so it has none. */
    public void value(String namespace, String metric, long value, Map<String, String> dimensions) {
        metric(namespace, metric, value, "None", dimensions, Map.of());
    }

    private void metric(String namespace, String metric, long value, String unit, Map<String, String> dimensions, Map<String, ?> properties) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of(
                "Timestamp", clock.millis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", namespace,
                        "Dimensions", List.of(List.copyOf(dimensions.keySet())),
                        "Metrics", List.of(Map.of("Name", metric, "Unit", unit))))));
        line.putAll(dimensions);
        line.putAll(properties);
        line.put(metric, value);
        print(line);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        print(line);
    }

    private void print(Map<String, Object> line) {
        try {
            out.println(JSON.std.asString(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
