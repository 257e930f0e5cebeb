package uk.callretention.access;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.recording.CallerHash;
import uk.callretention.recording.CatalogueEntry;

/**
 * A data subject's recordings, found by their phone number and dates for the council's DPO: the number is turned
 * into its keyed hash at once, and neither it nor the hash is kept in the trail or a log.
 */
public final class SubjectAccess {

    /** Far more than one caller's recordings in any council's retention period. */
    static final int MAX_FOUND = 500;

    private final AccessCatalogue catalogue;
    private final CallerHash callerHash;
    private final AccessAudit audit;
    private final Clock clock;

    public SubjectAccess(AccessCatalogue catalogue, CallerHash callerHash, AuditLog log, Clock clock) {
        this.catalogue = catalogue;
        this.callerHash = callerHash;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    public Outcome<List<CatalogueEntry>> search(StaffMember who, Map<String, String> query) {
        Fields fields = new Fields(query);
        ListingQuery search = ListingQuery.read(fields, who);
        Optional<String> hash = hashedPhone(fields);
        AccessAudit.Event event = audit.about(search.label("search"), search.council(), who, AuditAction.SUBJECT_ACCESS_SEARCH, clock.instant())
                .detail("from", search.from().toString()).detail("until", search.until().toString());
        return event.settle(() -> {
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            if (!who.isDpoOf(search.council())) {
                return Outcome.refused(Refusal.NOT_PERMITTED);
            }
            event.allowed();
            return Outcome.done(recordings(hash.orElseThrow(), search));
        });
    }

    /** The keyed hash of the request's {@code phone}; when it is missing or not a number, {@code fields} holds the problem. */
    Optional<String> hashedPhone(Fields fields) {
        return fields.requiredText("phone", 40).flatMap(phone -> {
            Optional<String> hashed = callerHash.of(phone);
            if (hashed.isEmpty()) {
                fields.reject("Enter the caller's phone number (phone), for example 01572 722577 or +44 1572 722577.");
            }
            return hashed;
        });
    }

    /** The caller's recordings in the search's council and dates. */
    List<CatalogueEntry> recordings(String hash, ListingQuery search) {
        return catalogue.callerRecordings(hash, search.from(), search.until(), MAX_FOUND).stream()
                .filter(entry -> search.council().equals(entry.council()))
                .toList();
    }
}
