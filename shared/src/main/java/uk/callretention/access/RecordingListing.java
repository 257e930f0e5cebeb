package uk.callretention.access;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;

/**
 * A team's recordings by date, a page at a time, newest first: a manager sees the teams they manage, the DPO every
 * team of the council, and with {@code quarantined=true} the council's quarantined uploads, whatever team their key
 * named. A team outside the caller's council and team answers like one that does not exist; the team's own staff are
 * told their role does not allow it.
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

    /** @param team null for a council's quarantined uploads */
    public record Listing(String council, String team, List<CatalogueEntry> recordings, Optional<String> nextPageToken) {
    }

    public Outcome<Listing> list(StaffMember who, Map<String, String> query) {
        Fields fields = new Fields(query);
        ListingQuery listing = ListingQuery.read(fields, who);
        int limit = fields.number("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        Optional<String> pageToken = fields.text("nextToken", 2048);
        boolean quarantined = fields.flag("quarantined");
        Set<String> managed = who.managedTeams(String.valueOf(listing.council()));
        if (fields.problem().isEmpty() && quarantined && listing.team().isPresent()) {
            fields.reject("List either a team's recordings or the council's quarantined uploads, not both: leave out team or quarantined.");
        }
        if (fields.problem().isEmpty() && !quarantined && listing.team().isEmpty() && (who.isDpoOf(listing.council()) || managed.size() != 1)) {
            fields.reject("Choose the team whose recordings to list (team).");
        }
        AccessAudit.Event event = audit.about(listing.label(quarantined ? "quarantine" : "list"), listing.council(), who, AuditAction.LISTED,
                        clock.instant())
                .detail("from", listing.from().toString()).detail("until", listing.until().toString());
        return event.settle(() -> {
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            String team = quarantined ? null : listing.team().orElseGet(() -> managed.iterator().next());
            Optional<Refusal> refusal = quarantined
                    ? (who.isDpoOf(listing.council()) ? Optional.<Refusal>empty() : Optional.of(Refusal.NOT_PERMITTED))
                    : scope(who, listing.council(), team, managed);
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            event.detail("team", team).allowed();
            try {
                AccessCatalogue.TeamPage page = quarantined
                        ? catalogue.quarantinedRecordings(listing.council(), listing.from(), listing.until(), limit, pageToken)
                        : catalogue.teamRecordings(listing.council(), team, listing.from(), listing.until(), limit, pageToken);
                return Outcome.done(new Listing(listing.council(), team, page.entries(), page.nextPageToken()));
            } catch (AccessCatalogue.InvalidPageTokenException e) {
                return Outcome.refused(Refusal.UNKNOWN_PAGE);
            }
        });
    }

    private Optional<Refusal> scope(StaffMember who, String council, String team, Set<String> managed) {
        boolean teamExists = policies.council(council).map(p -> p.channels().values().stream().anyMatch(teams -> teams.containsKey(team))).orElse(false);
        if (teamExists && (who.isDpoOf(council) || managed.contains(team))) {
            return Optional.empty();
        }
        return Optional.of(teamExists && who.worksIn(council, team) ? Refusal.NOT_PERMITTED : Refusal.NOT_FOUND.saying("We could not find that team among those you may see. Choose one of your teams."));
    }
}
