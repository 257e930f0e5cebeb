package uk.callretention.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
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

    private final RecordingScope scope;
    private final AccessRequests requests;
    private final AccessAudit audit;
    private final Clock clock;

    public AccessRequestDesk(PolicyBook policies, AccessCatalogue catalogue, AccessRequests requests, AuditLog log, Clock clock) {
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
                fields.reject("decision must be approve or refuse");
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
}
