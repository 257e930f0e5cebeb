package uk.callretention.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;

/**
 * Which council's recordings, and between which UK dates (both days included), a listing or search is about. The
 * council may be left out by someone who has a role in one council only.
 *
 * @param until the instant after the last day, exclusive: in year 10000 when the last day is 31 December 9999
 */
record ListingQuery(String council, Optional<String> team, Instant from, Instant until) {

    /** Before any council recorded calls: an open start. */
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    /** The last date {@code YYYY-MM-DD} can write: an open end. */
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    /** Reads the query's fields; when one is wrong, {@code fields} holds the problem and the query is not to be used. */
    static ListingQuery read(Fields fields, StaffMember who) {
        String council = council(fields, who);
        Optional<String> team = fields.text("team", 64);
        LocalDate from = fields.date("from").orElse(EARLIEST);
        LocalDate to = fields.date("to").orElse(LATEST);
        if (to.isBefore(from)) {
            fields.reject("The last date (to) must not be before the first date (from).");
        }
        return new ListingQuery(council, team,
                from.atStartOfDay(RetentionSchedule.UK).toInstant(), to.plusDays(1).atStartOfDay(RetentionSchedule.UK).toInstant());
    }

    /** The council the query names, or the caller's only one; when neither, {@code fields} holds the problem. */
    static String council(Fields fields, StaffMember who) {
        Optional<String> council = fields.text("council", 64);
        Set<String> councils = who.councils();
        if (council.isEmpty() && councils.size() != 1) {
            fields.reject(councils.isEmpty()
                    ? "You have no role in any council. Ask your council's data protection officer to add you to your team."
                    : "Choose the council (council): you have roles in " + String.join(", ", councils) + ".");
        }
        return council.orElseGet(() -> councils.stream().findFirst().orElse(null));
    }

    /**
     * Why the caller may not read a council-wide list that is its DPO's alone, if they may not: someone with no role in
     * the council (or naming one no policy covers) is answered as if it did not exist; its other staff, that their
     * role does not allow it.
     */
    static Optional<Refusal> unlessDpoOf(String council, StaffMember who, PolicyBook policies) {
        if (policies.council(council).isEmpty() || !who.councils().contains(council)) {
            return Optional.of(Refusal.NOT_FOUND.saying("We could not find that council among those you have a role in. Choose one of your councils."));
        }
        return who.isDpoOf(council) ? Optional.empty() : Optional.of(Refusal.NOT_PERMITTED);
    }

    /** Names what was searched, for the audit trail, without any personal data. */
    String label(String kind) {
        return kind + ":" + council + team.map(t -> "/" + t).orElse("");
    }
}
