package uk.callretention.access;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.retention.Hold;
import uk.callretention.retention.HoldOutcome;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.RetentionCatalogue;

/**
 * The API's side of holds: the team's manager or the council's DPO may place one, only the DPO may release one. The
 * hold service does the keeping; each request is audited here, once, with its final outcome: the event is written before
 * the hold service changes anything (no audit, no hold) and completed with how it ended.
 */
public final class HoldDesk {

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final RecordingScope scope;
    private final HoldService holds;
    private final AccessAudit audit;
    private final Clock clock;

    public HoldDesk(PolicyBook policies, RetentionCatalogue catalogue, HoldService holds, AuditLog log, Clock clock) {
        this.scope = new RecordingScope(policies, catalogue::find);
        this.holds = holds;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    public Outcome<Hold> place(StaffMember who, String recordingId, JsonBody body) {
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.HOLD_PLACED, clock.instant());
        return event.settle(() -> body.fields().then(fields -> {
            Optional<String> reason = fields.requiredText("reason", 64);
            Optional<String> reference = fields.requiredText("reference", PlaybackRequest.MAX_REFERENCE);
            Optional<LocalDate> reviewOn = fields.date("reviewOn");
            if (reviewOn.isEmpty()) {
                fields.requiredText("reviewOn", 10);
            }
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            event.why(null, reference.get()).detail("reason", reason.get()).detail("reviewOn", reviewOn.get().toString());
            Optional<Refusal> refusal = AccessRules.onExisting(located.standing(), located.entry() == null ? null : located.entry().state(),
                    Standing.MANAGER, Standing.DPO);
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            HoldOutcome outcome = holds.place(new HoldRequest(located.entry().recordingId(), reason.get(), reference.get(), who.subject(), reviewOn.get()),
                    hold -> event.detail("holdId", hold.holdId()).allowed());
            return outcome instanceof HoldOutcome.Placed placed ? Outcome.done(placed.hold())
                    : Outcome.refused(refusal(outcome, located.policy().latestHoldReview(LocalDate.ofInstant(clock.instant(), RetentionSchedule.UK))));
        }));
    }

    public Outcome<HoldOutcome.Released> release(StaffMember who, String recordingId, String holdId) {
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.HOLD_RELEASED, clock.instant()).detail("holdId", holdId);
        return event.settle(() -> AccessRules.only(located.standing(), Standing.DPO).<Outcome<HoldOutcome.Released>>map(Outcome::refused).orElseGet(() -> {
            HoldOutcome outcome = holds.release(located.entry().recordingId(), holdId, who.subject(),
                    hold -> event.why(null, hold.reference()).detail("reason", hold.reason().id()).allowed());
            return outcome instanceof HoldOutcome.Released released ? Outcome.done(released) : Outcome.refused(refusal(outcome, null));
        }));
    }

    /** @param latestReview the latest review date the council allows for a hold placed now; null when releasing */
    private static Refusal refusal(HoldOutcome outcome, LocalDate latestReview) {
        HoldOutcome.Refusal refused = ((HoldOutcome.Refused) outcome).refusal();
        return switch (refused) {
            case NO_SUCH_RECORDING -> Refusal.NOT_FOUND;
            case RECORDING_DELETED -> Refusal.RECORDING_DELETED;
            case NO_SUCH_HOLD -> new Refusal(refused.code(), "We could not find that hold on this recording. Reload the recording to see its holds.");
            case ALREADY_RELEASED -> new Refusal(refused.code(), "This hold has already been released. Reload the recording to see its holds.");
            case CHANGE_IN_PROGRESS -> new Refusal(refused.code(),
                    "Someone else is changing this recording's holds at this moment. Wait a few seconds, then try again.");
            case REASON_NOT_ALLOWED -> new Refusal(refused.code(), "Choose a hold reason from the council's list.");
            case REFERENCE_REQUIRED -> new Refusal(refused.code(),
                    "Give the reference of the case the hold is for (a complaint, claim or crime number), at most 200 characters.");
            case REVIEW_DATE_NOT_AFTER_TODAY -> new Refusal(refused.code(), "Choose a review date (reviewOn) after today.");
            case REVIEW_DATE_TOO_FAR -> new Refusal(refused.code(), "Choose a review date (reviewOn) on or before "
                    + UK_DATE.format(latestReview) + " (" + latestReview + "): the council reviews every hold at least that often.");
            case PLACED_BY_REQUIRED, RELEASED_BY_REQUIRED -> Refusal.UNAUTHENTICATED;
        };
    }
}
