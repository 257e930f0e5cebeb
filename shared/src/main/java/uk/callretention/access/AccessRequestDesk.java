package uk.callretention.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.Purpose;

/**
 * Written access requests, where a council's notice requires them (Rotherham): team staff ask to play a recording,
 * stating a purpose and a reason; the team's manager or the DPO approves or refuses; an approved request gives the
 * requester one playback link.
 */
public final class AccessRequestDesk {

    static final int MAX_REASON = 1000;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final PolicyBook policies;
    private final RecordingScope scope;
    private final AccessRequests requests;
    private final AccessAudit audit;
    private final Clock clock;

    public AccessRequestDesk(PolicyBook policies, AccessCatalogue catalogue, AccessRequests requests, AuditLog log, Clock clock) {
        this.policies = policies;
        this.scope = new RecordingScope(policies, catalogue::find);
        this.requests = requests;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    public Outcome<AccessRequest> request(StaffMember who, String recordingId, JsonBody body) {
        Instant now = clock.instant();
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.ACCESS_REQUESTED, now);
        return event.settle(() -> body.fields().then(fields -> {
            Optional<String> purpose = fields.requiredText("purpose", PlaybackRequest.MAX_PURPOSE);
            Optional<String> reason = fields.requiredText("reason", MAX_REASON);
            Optional<String> reference = fields.text("reference", PlaybackRequest.MAX_REFERENCE);
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            event.why(purpose.get(), reference.orElse(null)).detail("reason", reason.get());
            boolean purposeAllowed = located.policy() != null && Purpose.fromId(purpose.get()).filter(located.policy().purposes()::contains).isPresent();
            Optional<Refusal> refusal = AccessRules.accessRequest(located.standing(), located.entry() == null ? null : located.entry().state(),
                    purposeAllowed);
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            AccessRequest request = new AccessRequest(located.entry().recordingId(), "req-" + UUID.randomUUID(), located.entry().council(),
                    located.entry().team(), who.subject(), who.name(), purpose.get(), reason.get(), reference.orElse(null),
                    AccessRequest.Status.PENDING, now, null, null, null, null);
            event.detail("accessRequestId", request.requestId()).allowed();
            requests.add(request);
            return Outcome.done(request);
        }));
    }

    public Outcome<AccessRequest> decide(StaffMember who, String recordingId, String requestId, JsonBody body) {
        Instant now = clock.instant();
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.ACCESS_REQUEST_DECIDED, now).detail("accessRequestId", requestId);
        return event.settle(() -> body.fields().then(fields -> {
            Optional<String> decision = fields.requiredText("decision", 16);
            Optional<String> note = fields.text("note", MAX_REASON);
            if (decision.isPresent() && !decision.get().equals("approve") && !decision.get().equals("refuse")) {
                fields.reject("Choose approve or refuse as the decision.");
            }
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            Optional<Refusal> refusal = AccessRules.only(located.standing(), Standing.MANAGER, Standing.DPO);
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            Optional<AccessRequest> found = requests.find(located.entry().recordingId(), requestId);
            if (found.isEmpty()) {
                return Outcome.refused(Refusal.NO_SUCH_ACCESS_REQUEST);
            }
            AccessRequest request = found.get();
            if (request.requester().equals(who.subject())) {
                return Outcome.refused(Refusal.OWN_ACCESS_REQUEST);
            }
            if (request.status() != AccessRequest.Status.PENDING) {
                return Outcome.refused(Refusal.ALREADY_DECIDED);
            }
            AccessRequest decided = request.decided(decision.get().equals("approve"), who.subject(), note.orElse(null), now);
            event.why(request.purpose(), request.reference()).detail("decision", decision.get()).detail("requester", request.requester())
                    .detail("note", note.orElse(null)).allowed();
            return requests.decide(decided) ? Outcome.done(decided) : Outcome.refused(Refusal.ALREADY_DECIDED);
        }));
    }

    /** A page of the council's pending requests that the caller may decide. */
    public record PendingList(String council, List<AccessRequest> requests, Optional<String> nextPageToken) {
    }

    /**
     * The council's pending requests the caller may decide, newest first, a page at a time: the DPO's every team's, a
     * manager's their teams'. Anybody else, and anybody naming a council they have no role in, is told their role does
     * not allow it: there is no recording here whose existence to hide, and never another council's request to show.
     */
    public Outcome<PendingList> pending(StaffMember who, Map<String, String> query) {
        Fields fields = new Fields(query);
        Optional<String> status = fields.requiredText("status", 16);
        if (status.isPresent() && !status.get().equals("pending")) {
            fields.reject("Ask for status=pending: only pending access requests are listed.");
        }
        String council = ListingQuery.council(fields, who);
        int limit = fields.number("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        Optional<String> pageToken = fields.text("nextToken", 2048);
        AccessAudit.Event event = audit.about("pending-access-requests:" + council, council, who, AuditAction.LISTED, clock.instant());
        return event.settle(() -> {
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            boolean dpo = who.isDpoOf(council);
            Set<String> managed = who.managedTeams(council);
            if (policies.council(council).isEmpty() || (!dpo && managed.isEmpty())) {
                return Outcome.refused(Refusal.NOT_PERMITTED);
            }
            event.allowed();
            try {
                AccessRequests.PendingPage page = requests.pending(council, request -> dpo || managed.contains(request.team()), limit, pageToken);
                return Outcome.done(new PendingList(council, page.requests(), page.nextPageToken()));
            } catch (AccessCatalogue.InvalidPageTokenException e) {
                return Outcome.refused(Refusal.UNKNOWN_PAGE);
            }
        });
    }
}
