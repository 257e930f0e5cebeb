package uk.callretention.statistics.count;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.statistics.DailyCounting;

/**
 * Counts the statistics from its daily schedule: every day not yet counted, up to yesterday (UK days). Given
 * {@code {"day": "YYYY-MM-DD"}}, counts that one finished day again, e.g. after a late upload, over its old counts.
 * Answers with the days counted.
 */
public final class CountStatisticsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final DailyCounting counting;
    private final LogLine log;
    private final Clock clock;

    /** Lambda's constructor. */
    public CountStatisticsHandler() {
        this(System.getenv());
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public CountStatisticsHandler(Map<String, String> environment) {
        this(environment, Clock.systemUTC());
    }

    /** @param clock tests' clock, set ahead to count the days they acted on */
    public CountStatisticsHandler(Map<String, String> environment, Clock clock) {
        this.counting = CountStatisticsFactory.counting(environment, clock);
        this.log = new LogLine(System.out, clock);
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        List<LocalDate> days;
        if (input != null && input.get("day") != null) {
            LocalDate day;
            try {
                day = LocalDate.parse(input.get("day").toString());
            } catch (DateTimeException e) {
                return Map.of("error", "bad-request", "message", "give day as a date, YYYY-MM-DD");
            }
            if (!day.isBefore(LocalDate.now(clock.withZone(RetentionSchedule.UK)))) {
                return Map.of("error", "bad-request", "message", "only a UK day that is over can be counted");
            }
            counting.count(day);
            days = List.of(day);
        } else {
            days = counting.run();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("daysCounted", days.stream().map(LocalDate::toString).toList());
        log.info("statistics counted", Map.of("days", days.size(), "requestId", context == null ? "" : context.getAwsRequestId()));
        return summary;
    }
}
