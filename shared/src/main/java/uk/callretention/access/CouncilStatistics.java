package uk.callretention.access;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.statistics.MonthlyStatistics;
import uk.callretention.statistics.StatisticsStore;

/**
 * A council's anonymised statistics by month, for its DPO: read from the stored daily counts, with small figures
 * suppressed ({@link MonthlyStatistics}). Answered as {@code GET /holds} is: the council's other staff are told their
 * role does not allow it, and someone with no role in the council is answered as if it did not exist.
 */
public final class CouncilStatistics {

    /** Two years a request, so one answer stays small. */
    public static final int MAX_MONTHS = 24;

    public enum Format { JSON, CSV }

    public record Report(String council, YearMonth from, YearMonth to, Format format, List<MonthlyStatistics.Month> months) {
    }

    private final PolicyBook policies;
    private final StatisticsStore store;
    private final AccessAudit audit;
    private final Clock clock;

    public CouncilStatistics(PolicyBook policies, StatisticsStore store, AuditLog log, Clock clock) {
        this.policies = policies;
        this.store = store;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    /** @param query {@code council}, {@code from} and {@code to} (months, both included) and {@code format} ({@code json} or {@code csv}) */
    public Outcome<Report> read(StaffMember who, Map<String, String> query) {
        Fields fields = new Fields(query);
        String council = ListingQuery.council(fields, who);
        Optional<YearMonth> from = fields.month("from");
        Optional<YearMonth> to = fields.month("to");
        if (from.isEmpty()) {
            fields.requiredText("from", 7);
        }
        if (to.isEmpty()) {
            fields.requiredText("to", 7);
        }
        if (from.isPresent() && to.isPresent()) {
            if (to.get().isBefore(from.get())) {
                fields.reject("Choose a month to (to) on or after the month from (from).");
            } else if (ChronoUnit.MONTHS.between(from.get(), to.get()) >= MAX_MONTHS) {
                fields.reject("Choose at most " + MAX_MONTHS + " months, from (from) to (to), both included.");
            }
        }
        Format format = format(fields);
        Instant now = clock.instant();
        AccessAudit.Event event = audit.about("statistics:" + council, council, who, AuditAction.STATISTICS_READ, now);
        from.ifPresent(month -> event.detail("from", month.toString()));
        to.ifPresent(month -> event.detail("to", month.toString()));
        return event.settle(() -> {
            Optional<Refusal> refusal = fields.problem().or(() -> ListingQuery.unlessDpoOf(council, who, policies));
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            event.allowed();
            return Outcome.done(new Report(council, from.get(), to.get(), format,
                    MonthlyStatistics.of(store.between(council, from.get().atDay(1), to.get().atEndOfMonth()), from.get(), to.get())));
        });
    }

    private static Format format(Fields fields) {
        Optional<String> format = fields.text("format", 4);
        if (format.isEmpty() || format.get().equals("json")) {
            return Format.JSON;
        }
        if (format.get().equals("csv")) {
            return Format.CSV;
        }
        fields.reject("Give format as json or csv.");
        return Format.JSON;
    }
}
