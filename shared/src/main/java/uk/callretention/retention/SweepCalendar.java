package uk.callretention.retention;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Optional;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.Team;

/** Which days of the expiry index the sweep reads, and under which day a recording is filed. */
public final class SweepCalendar {

    private final LocalDate earliestPossibleExpiry;
    private final int lookBackDays;

    /**
     * @param policies the bundled policies: no recording can expire before the first day any council recorded plus
     *                 the shortest retention class they can give, and none tagged under them stays in the bucket
     *                 longer than the longest lifecycle rule
     */
    public SweepCalendar(PolicyBook policies) {
        this.earliestPossibleExpiry = earliestPossibleExpiry(policies)
                .orElseThrow(() -> new IllegalStateException("the policies cover no team, so nothing can expire"));
        this.lookBackDays = Collections.max(LifecycleCoverage.required(policies.retentionClasses()).values());
    }

    /**
     * The filing day of a recording: its expiry date, or today when that has passed, since the sweep reads only from
     * the oldest day it has not finished, which is never before today's.
     */
    public static LocalDate indexDay(LocalDate expiresOn, LocalDate today) {
        return expiresOn.isBefore(today) ? today : expiresOn;
    }

    /**
     * Where the first sweep ever starts. Reading from the earliest possible expiry would cost 16 queries for every
     * day since 2018; it starts instead as far back as the longest lifecycle rule: a recording uploaded when it was
     * made and due before then has been deleted by the backstop already.
     */
    public LocalDate firstDay(LocalDate today) {
        LocalDate lookBack = today.minusDays(lookBackDays);
        return lookBack.isAfter(earliestPossibleExpiry) ? lookBack : earliestPossibleExpiry;
    }

    private static Optional<LocalDate> earliestPossibleExpiry(PolicyBook policies) {
        Optional<LocalDate> firstRecorded = policies.councils().stream()
                .flatMap(council -> council.channels().values().stream())
                .flatMap(teams -> teams.values().stream())
                .map(Team::recordingBegan)
                .min(LocalDate::compareTo);
        return firstRecorded.flatMap(day -> policies.retentionClasses().stream().map(c -> c.expiresOn(day)).min(LocalDate::compareTo));
    }
}
