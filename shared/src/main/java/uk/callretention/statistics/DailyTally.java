package uk.callretention.statistics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.callretention.audit.AuditEvent;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.HoldReason;
import uk.callretention.policy.Purpose;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.QuarantineReason;

/**
 * One council's counts for one UK day, from the facts of that day: what the catalogue received and quarantined, what
 * the audit trail says was done, and the holds overdue then. Only the council's own ids become breakdowns (its
 * channels, teams, purposes, hold reasons; the tagger's quarantine reasons): anything else is counted as
 * {@value #OTHER}, so no text a member of staff typed ever reaches a statistic.
 */
public final class DailyTally {

    static final String OTHER = "other";
    static final String ALLOWED = "allowed";

    private final CouncilPolicy council;
    private final LocalDate day;
    private final Map<Cell, Long> counts = new HashMap<>();
    private final Set<String> teams;

    public DailyTally(CouncilPolicy council, LocalDate day) {
        this.council = council;
        this.day = day;
        this.teams = council.channels().values().stream().flatMap(byTeam -> byTeam.keySet().stream()).collect(Collectors.toSet());
    }

    /**
     * A recording of the council's team made that day: received from the platform, or a training copy, which the
     * council made itself and so is not counted as received.
     */
    public void received(CatalogueEntry entry) {
        if (entry.trainingCopyOf() != null) {
            add(Measure.TRAINING_COPIES_BY_TEAM, teams.contains(entry.team()) ? entry.team() : OTHER);
            return;
        }
        add(Measure.RECEIVED_BY_CHANNEL, council.channels().keySet().stream().anyMatch(c -> c.id().equals(entry.channel())) ? entry.channel() : OTHER);
        add(Measure.RECEIVED_BY_TEAM, teams.contains(entry.team()) ? entry.team() : OTHER);
    }

    /** An upload quarantined under the council, filed under that day. */
    public void quarantined(CatalogueEntry entry) {
        add(Measure.QUARANTINED_BY_REASON, Stream.of(QuarantineReason.values()).map(QuarantineReason::code)
                .filter(code -> code.equals(entry.quarantineReason())).findFirst().orElse(OTHER));
    }

    /** How many of the council's holds were overdue for review that day. */
    public void holdsOverdue(long count) {
        counts.put(new Cell(Measure.HOLDS_OVERDUE_FOR_REVIEW, Measure.ALL), count);
    }

    /** An event of the council's trail written that day; only a final, allowed outcome counts, but for refusals. */
    public void audited(AuditEvent event) {
        boolean allowed = ALLOWED.equals(event.outcome());
        switch (event.action()) {
            case DELETED -> {
                if (allowed && event.details().containsKey("expiresOn")) {
                    add(Measure.DELETED_BY_DAYS_LATE, lateness(ChronoUnit.DAYS.between(LocalDate.parse(event.details().get("expiresOn")), day)));
                }
            }
            case HOLD_PLACED -> {
                if (allowed) {
                    add(Measure.HELD_BY_REASON, holdReason(event.details().get("reason")));
                }
            }
            case HOLD_RELEASED -> {
                if (allowed) {
                    add(Measure.RELEASED_BY_REASON, holdReason(event.details().get("reason")));
                }
            }
            case PLAYBACK_URL_ISSUED -> {
                if (allowed) {
                    add(Measure.PLAYBACKS_ALLOWED_BY_PURPOSE, purpose(event.purpose()));
                }
            }
            // A refusal is final when written; a refusal of a purpose the council does not have is still counted, as "other".
            case PLAYBACK_REFUSED -> add(Measure.PLAYBACKS_REFUSED_BY_PURPOSE, purpose(event.purpose()));
            case SUBJECT_ACCESS_SEARCH -> {
                if (allowed) {
                    add(Measure.SUBJECT_ACCESS_SEARCHES, Measure.ALL);
                }
            }
            case SUBJECT_ACCESS_EXPORT_REQUESTED -> {
                if (allowed) {
                    add(Measure.SUBJECT_ACCESS_EXPORTS, Measure.ALL);
                }
            }
            case ERASED -> {
                if (allowed) {
                    add(Measure.ERASURES, Measure.ALL);
                }
            }
            default -> {
                // Listings, views, access requests, repairs and reading the trail are not among the published figures.
            }
        }
    }

    public DayCounts counts() {
        return new DayCounts(council.id(), day, counts);
    }

    /** Days after its expiry date a recording was deleted, in the bands published: 0 (or before) is on the day. */
    static String lateness(long daysLate) {
        return daysLate <= 0 ? "on-the-day" : daysLate == 1 ? "1-day-late" : daysLate <= 7 ? "2-to-7-days-late" : "8-or-more-days-late";
    }

    private String purpose(String id) {
        return Stream.of(Purpose.values()).filter(p -> p.id().equals(id) && council.purposes().contains(p)).findFirst().map(Purpose::id).orElse(OTHER);
    }

    private String holdReason(String id) {
        return Stream.of(HoldReason.values()).filter(r -> r.id().equals(id) && council.holdReasons().contains(r)).findFirst().map(HoldReason::id)
                .orElse(OTHER);
    }

    private void add(Measure measure, String breakdown) {
        counts.merge(new Cell(measure, breakdown), 1L, Long::sum);
    }
}
