package uk.callretention.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.retention.Hold;
import uk.callretention.retention.Holds;
import uk.callretention.retention.RetentionCatalogue;

/**
 * A council's active holds, for its DPO to review: earliest review date first, so the overdue ones lead, a page at a
 * time, each with its recording's team. Only the DPO releases holds, so only the DPO reads the list; the council's
 * other staff are told their role does not allow it, and someone with no role in the council is answered as if it did
 * not exist.
 */
public final class HoldsToReview {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final PolicyBook policies;
    private final RetentionCatalogue catalogue;
    private final Holds holds;
    private final AccessAudit audit;
    private final Clock clock;

    public HoldsToReview(PolicyBook policies, RetentionCatalogue catalogue, Holds holds, AuditLog log, Clock clock) {
        this.policies = policies;
        this.catalogue = catalogue;
        this.holds = holds;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    /** @param team the held recording's team; null if the catalogue no longer has the recording */
    public record ActiveHold(Hold hold, String team, boolean overdue) {
    }

    public record Page(String council, List<ActiveHold> holds, Optional<String> nextPageToken) {
    }

    public Outcome<Page> list(StaffMember who, Map<String, String> query) {
        Fields fields = new Fields(query);
        String council = ListingQuery.council(fields, who);
        int limit = fields.number("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        Optional<String> pageToken = fields.text("nextToken", 2048);
        Instant now = clock.instant();
        AccessAudit.Event event = audit.about("holds:" + council, council, who, AuditAction.LISTED, now);
        return event.settle(() -> {
            Optional<Refusal> refusal = fields.problem().or(() -> ListingQuery.unlessDpoOf(council, who, policies));
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            event.allowed();
            LocalDate today = LocalDate.ofInstant(now, RetentionSchedule.UK);
            try {
                Holds.ActivePage page = holds.active(council, limit, pageToken);
                List<ActiveHold> active = page.holds().stream()
                        .map(hold -> new ActiveHold(hold, catalogue.find(hold.recordingId()).map(CatalogueEntry::team).orElse(null),
                                hold.reviewOn().isBefore(today)))
                        .toList();
                return Outcome.done(new Page(council, active, page.nextPageToken()));
            } catch (AccessCatalogue.InvalidPageTokenException e) {
                return Outcome.refused(Refusal.UNKNOWN_PAGE);
            }
        });
    }
}
