package uk.callretention.tagging;

import static uk.callretention.policy.RetentionSchedule.UK;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.retention.Reconciliation;

/**
 * Reconciliation, daily from its schedule ({@code {}}: the last {@code RECONCILE_DAYS} UK days, today included) and
 * on demand: {@code {"days": N}}, or {@code {"from": "yyyy-mm-dd", "to": "yyyy-mm-dd"}}, each with
 * {@code "dryRun": true} to look without changing anything. Answers with counts only.
 */
public final class ReconcileRecordingsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The schedule's window when the environment names none: yesterday's late uploads and the day before's too. */
    static final int DEFAULT_DAYS = 3;
    /** About a month of prefixes at most per run; older days are the lifecycle rules' backstop. */
    static final int MOST_DAYS = 31;
    /** Enough for the recording in hand to finish: a few calls, each with a 20-second limit. */
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(60);
    private static final Set<String> FIELDS = Set.of("days", "from", "to", "dryRun");

    private final Reconciliation reconciliation;
    private final Clock clock;
    private final int defaultDays;
    private final SnapStartPriming snapStart;

    /** Lambda's constructor: registers the SnapStart hooks too. */
    public ReconcileRecordingsHandler() {
        this(System.getenv());
        snapStart.registered();
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public ReconcileRecordingsHandler(Map<String, String> environment) {
        this(TagRecordingFactory.reconciling(AwsClients.fromEnvironment(environment), environment, System.out, Clock.systemUTC()), Clock.systemUTC(),
                environment);
    }

    /**
     * @param clock       the handler's "today": tests move it with the reconciliation's
     * @param environment the function's: its default days
     */
    ReconcileRecordingsHandler(TagRecordingFactory.Reconciling reconciling, Clock clock, Map<String, String> environment) {
        this.reconciliation = reconciling.reconciliation();
        this.clock = clock;
        this.defaultDays = Integer.parseInt(environment.getOrDefault("RECONCILE_DAYS", Integer.toString(DEFAULT_DAYS)));
        this.snapStart = reconciling.snapStart();
    }

    /** The SnapStart hooks Lambda's constructor registers, for tests to call as the runtime does. */
    SnapStartPriming snapStart() {
        return snapStart;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> fields = input == null ? Map.of() : input;
        Optional<String> unknown = fields.keySet().stream().filter(name -> !FIELDS.contains(name)).sorted().findFirst();
        if (unknown.isPresent()) {
            return error("unknown-field", "unknown field '" + unknown.get() + "'; the fields are days, from, to and dryRun");
        }
        Object dryRun = fields.getOrDefault("dryRun", false);
        if (!(dryRun instanceof Boolean)) {
            return error("dry-run-invalid", "dryRun must be true or false");
        }
        LocalDate today = LocalDate.now(clock.withZone(UK));
        Reconciliation.Days days;
        if (fields.containsKey("days") && (fields.containsKey("from") || fields.containsKey("to"))) {
            return error("days-or-dates", "give days, or from and to, not both");
        } else if (fields.containsKey("from") || fields.containsKey("to")) {
            Optional<Reconciliation.Days> dates = dates(fields.get("from"), fields.get("to"), today);
            if (dates.isEmpty()) {
                return error("dates-invalid", "from and to must both be UK dates (yyyy-mm-dd), from not after to, to not after today ("
                        + today + "), at most " + MOST_DAYS + " days");
            }
            days = dates.get();
        } else {
            Object count = fields.getOrDefault("days", defaultDays);
            // A JSON number reaches here as whichever Number the deserialiser chose.
            if (!(count instanceof Number number) || number.doubleValue() != Math.floor(number.doubleValue())
                    || number.doubleValue() < 1 || number.doubleValue() > MOST_DAYS) {
                return error("days-invalid", "days must be a whole number from 1 to " + MOST_DAYS);
            }
            days = new Reconciliation.Days(today.minusDays(number.longValue() - 1), today);
        }
        return reconciliation.run(days, (Boolean) dryRun, () -> context.getRemainingTimeInMillis() < DEADLINE_MARGIN.toMillis()).summary();
    }

    private static Optional<Reconciliation.Days> dates(Object from, Object to, LocalDate today) {
        if (!(from instanceof String fromText) || !(to instanceof String toText)) {
            return Optional.empty();
        }
        try {
            LocalDate first = LocalDate.parse(fromText);
            LocalDate last = LocalDate.parse(toText);
            boolean fits = !first.isAfter(last) && !last.isAfter(today) && ChronoUnit.DAYS.between(first, last) < MOST_DAYS;
            return fits ? Optional.of(new Reconciliation.Days(first, last)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", code, "message", message);
    }
}
