package uk.callretention.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingKey;
import uk.callretention.recording.RecordingState;

/**
 * The recordings of one call, by the call platform's own id, within what the caller may list: a manager's teams (as
 * their listing shows them, so no quarantined upload), the DPO's whole council. A recording outside that scope is
 * simply absent, as is a call id no recording has; anyone else is told their role does not allow it. The call id is
 * not personal data of the caller, so the trail keeps it to say what was searched for.
 */
public final class CallSearch {

    /** Far more recordings than one call makes, even one transferred between teams and channels. */
    static final int MAX_FOUND = 100;

    private final AccessCatalogue catalogue;
    private final AccessAudit audit;
    private final Clock clock;

    public CallSearch(AccessCatalogue catalogue, AuditLog log, Clock clock) {
        this.catalogue = catalogue;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    /** Whether the query asks for a call's recordings rather than a team's listing. */
    public static boolean asks(Map<String, String> query) {
        return query.containsKey("callId");
    }

    public Outcome<List<CatalogueEntry>> find(StaffMember who, Map<String, String> query) {
        Fields fields = new Fields(query);
        ListingQuery search = ListingQuery.read(fields, who);
        Optional<String> callId = callId(fields, query.get("callId"));
        if (search.team().isPresent() || query.containsKey("quarantined")) {
            fields.reject("a search by callId covers every team you may list: leave out team and quarantined");
        }
        // Under the council alone, team or none: every search by call id in a council is on one trail.
        AccessAudit.Event event = audit.about("call:" + search.council(), search.council(), who, AuditAction.LISTED, clock.instant())
                .detail("search", "by call id").detail("callId", callId.orElse(null))
                .detail("from", search.from().toString()).detail("until", search.until().toString());
        return event.settle(() -> {
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            boolean dpo = who.isDpoOf(search.council());
            Set<String> managed = who.managedTeams(search.council());
            if (!dpo && managed.isEmpty()) {
                return Outcome.refused(Refusal.NOT_PERMITTED);
            }
            event.allowed();
            return Outcome.done(catalogue.callRecordings(search.council(), callId.orElseThrow(), search.from(), search.until(), MAX_FOUND).stream()
                    .filter(entry -> dpo || (managed.contains(entry.team()) && entry.state() != RecordingState.QUARANTINED))
                    .toList());
        });
    }

    /** A call id as the upload contract allows one: not empty, no slash, and short enough to fit in a key. */
    private static Optional<String> callId(Fields fields, String given) {
        if (given == null || given.isBlank()) {
            fields.reject("callId is empty: give the call platform's id for the call");
            return Optional.empty();
        }
        Optional<String> callId = fields.text("callId", RecordingKey.MAX_KEY_BYTES);
        if (callId.isPresent() && callId.get().getBytes(StandardCharsets.UTF_8).length > RecordingKey.MAX_KEY_BYTES) {
            fields.reject("callId must be at most " + RecordingKey.MAX_KEY_BYTES + " bytes of UTF-8: no longer one fits in an upload's key");
        }
        if (callId.isPresent() && callId.get().contains("/")) {
            fields.reject("callId cannot contain /: the upload contract's call ids never do");
        }
        return callId;
    }
}
