package uk.callretention.retention;

import java.time.LocalDate;
import java.util.Optional;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.Team;

/** Which days of the expiry index the sweep reads, and under which day a recording is filed. */
public final class SweepCalendar {

    private SweepCalendar() {
    }

    /**
     * The day of the expiry index a recording is filed under: its expiry date, or today when that has passed, since
     * the sweep reads only from the oldest day it has not finished, which is never before today's.
     */
    public static LocalDate indexDay(LocalDate expiresOn, LocalDate today) {
        return expiresOn.isBefore(today) ? today : expiresOn;
    }

    /**
     * Where a first sweep starts: no recording can expire before the first day any council recorded plus the
     * shortest retention class the policies can give.
     */
    public static Optional<LocalDate> earliestPossibleExpiry(PolicyBook policies) {
        Optional<LocalDate> firstRecorded = policies.councils().stream()
                .flatMap(council -> council.channels().values().stream())
                .flatMap(teams -> teams.values().stream())
                .map(Team::recordingBegan)
                .min(LocalDate::compareTo);
        return firstRecorded.flatMap(day -> policies.retentionClasses().stream().map(c -> c.expiresOn(day)).min(LocalDate::compareTo));
    }
}
