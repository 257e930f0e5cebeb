package uk.callretention.access;

import java.time.Clock;
import java.util.List;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;

/** A recording's whole trail, for its council's DPO; reading it is itself on the trail. Deleted recordings keep theirs. */
public final class AuditTrail {

    private final RecordingScope scope;
    private final AuditLog log;
    private final AccessAudit audit;
    private final Clock clock;

    public AuditTrail(PolicyBook policies, AccessCatalogue catalogue, AuditLog log, Clock clock) {
        this.scope = new RecordingScope(policies, catalogue::find);
        this.log = log;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    public Outcome<List<AuditEvent>> of(StaffMember who, String recordingId) {
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.AUDIT_TRAIL_READ, clock.instant());
        return event.settle(() -> AccessRules.only(located.standing(), Standing.DPO).<Outcome<List<AuditEvent>>>map(Outcome::refused).orElseGet(() -> {
            event.allowed();
            return Outcome.done(log.trailOf(located.entry().recordingId()));
        }));
    }
}
