package uk.callretention.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import uk.callretention.access.AccessCatalogue;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditEventsByDay;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.retention.Holds;

/**
 * Counts each council's UK day once the day is over, and stores the counts: a day's audit events through the trail's
 * {@code byDay} index, its recordings through the catalogue's team and quarantine indexes, and the overdue holds through
 * the holds' review index; never a scan. Counting a day again overwrites its counts, so a run that died, or one
 * repeated, leaves one set of counts.
 *
 * <p>A run counts every day after the last one counted, up to yesterday, at most {@value #MAX_DAYS_PER_RUN} of them
 * (a run missed for a few days catches up), and always yesterday. Holds overdue are how things stand when the run
 * counts, so they are filed under yesterday only: a day caught up later has none, and the month shows its last day
 * that has them.
 */
public final class DailyCounting {

    public static final int MAX_DAYS_PER_RUN = 31;
    private static final int PAGE = 100;

    private final PolicyBook policies;
    private final AuditEventsByDay audit;
    private final AccessCatalogue catalogue;
    private final Holds holds;
    private final StatisticsStore store;
    private final Clock clock;

    public DailyCounting(PolicyBook policies, AuditEventsByDay audit, AccessCatalogue catalogue, Holds holds, StatisticsStore store, Clock clock) {
        this.policies = policies;
        this.audit = audit;
        this.catalogue = catalogue;
        this.holds = holds;
        this.store = store;
        this.clock = clock;
    }

    /** The days a scheduled run counts, oldest first. */
    public List<LocalDate> dueDays() {
        LocalDate yesterday = LocalDate.now(clock.withZone(RetentionSchedule.UK)).minusDays(1);
        LocalDate earliest = yesterday.minusDays(MAX_DAYS_PER_RUN - 1L);
        LocalDate first = store.countedThrough().map(last -> last.plusDays(1)).filter(day -> day.isBefore(yesterday)).orElse(yesterday);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first.isBefore(earliest) ? earliest : first; !day.isAfter(yesterday); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    /** Counts the due days; returns them. */
    public List<LocalDate> run() {
        List<LocalDate> days = dueDays();
        days.forEach(this::count);
        return days;
    }

    /** Counts one UK day for every council, over whatever was stored for it. */
    public List<DayCounts> count(LocalDate day) {
        LocalDate today = LocalDate.now(clock.withZone(RetentionSchedule.UK));
        if (!day.isBefore(today)) {
            throw new IllegalArgumentException("only a day that is over can be counted, not " + day);
        }
        Map<String, DailyTally> tallies = new HashMap<>();
        policies.councils().forEach(council -> tallies.put(council.id(), new DailyTally(council, day)));
        for (AuditEvent event : audit.eventsOn(day)) {
            Optional.ofNullable(event.council()).map(tallies::get).ifPresent(tally -> tally.audited(event));
        }
        Instant from = day.atStartOfDay(RetentionSchedule.UK).toInstant();
        Instant until = day.plusDays(1).atStartOfDay(RetentionSchedule.UK).toInstant();
        List<DayCounts> counted = new ArrayList<>();
        for (CouncilPolicy council : policies.councils()) {
            DailyTally tally = tallies.get(council.id());
            council.channels().values().stream().flatMap(teams -> teams.keySet().stream()).distinct().forEach(team ->
                    eachPage(token -> catalogue.teamRecordings(council.id(), team, from, until, PAGE, token), tally::received));
            eachPage(token -> catalogue.quarantinedRecordings(council.id(), from, until, PAGE, token), tally::quarantined);
            if (day.equals(today.minusDays(1))) {
                tally.holdsOverdue(holds.reviewOverdue(council.id(), today).size());
            }
            DayCounts counts = tally.counts();
            store.put(counts);
            counted.add(counts);
        }
        if (store.countedThrough().map(day::isAfter).orElse(true)) {
            store.countedThrough(day);
        }
        return counted;
    }

    private static void eachPage(Function<Optional<String>, AccessCatalogue.TeamPage> pages, Consumer<CatalogueEntry> each) {
        Optional<String> token = Optional.empty();
        do {
            AccessCatalogue.TeamPage page = pages.apply(token);
            page.entries().forEach(each);
            token = page.nextPageToken();
        } while (token.isPresent());
    }
}
