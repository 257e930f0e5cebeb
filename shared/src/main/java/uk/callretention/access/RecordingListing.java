package uk.callretention.access;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;

/**
 * A team's recordings by date, a page at a time, newest first: a manager sees the teams they manage, the DPO every
 * team of the council. A team outside the caller's scope answers like one that does not exist.
 */
public final class RecordingListing {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final PolicyBook policies;
    private final AccessCatalogue catalogue;
    private final AccessAudit audit;
    private final Clock clock;

    public RecordingListing(PolicyBook policies, AccessCatalogue catalogue, AuditLog log, Clock clock) {
        this.policies = policies;
        this.catalogue = catalogue;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    public record Listing(String council, String team, List<CatalogueEntry> recordings, Optional<String> nextPageToken) {
    }

    public Outcome<Listing> list(StaffMember who, Map<String, String> query) {
        Fields fields = new Fields(query);
        ListingQuery listing = ListingQuery.read(fields, who);
        int limit = fields.number("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        Optional<String> pageToken = fields.text("nextToken", 2048);
        Set<String> managed = who.managedTeams(String.valueOf(listing.council()));
        if (fields.problem().isEmpty() && listing.team().isEmpty() && (who.isDpoOf(listing.council()) || managed.size() != 1)) {
            fields.reject("name the team");
        }
        AccessAudit.Event event = audit.about(listing.label("list"), listing.council(), who, AuditAction.LISTED, clock.instant())
                .detail("from", listing.from().toString()).detail("until", listing.until().toString());
        return event.settle(() -> {
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            String team = listing.team().orElseGet(() -> managed.iterator().next());
            if (!inScope(who, listing.council(), team, managed)) {
                return Outcome.refused(Refusal.NOT_FOUND.saying("no such team"));
            }
            event.detail("team", team).allowed();
            try {
                AccessCatalogue.TeamPage page = catalogue.teamRecordings(listing.council(), team, listing.from(), listing.until(), limit, pageToken);
                return Outcome.done(new Listing(listing.council(), team, page.entries(), page.nextPageToken()));
            } catch (AccessCatalogue.InvalidPageTokenException e) {
                return Outcome.refused(Refusal.BAD_REQUEST.saying("nextToken is not one this listing gave"));
            }
        });
    }

    private boolean inScope(StaffMember who, String council, String team, Set<String> managed) {
        Optional<CouncilPolicy> policy = policies.council(council);
        boolean teamExists = policy.map(p -> p.channels().values().stream().anyMatch(teams -> teams.containsKey(team))).orElse(false);
        return teamExists && (who.isDpoOf(council) || managed.contains(team));
    }
}
