package uk.callretention.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;

class DailyCountingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    /** Where a scheduled run starts, given the last day counted: yesterday always, and the days missed since, at most 31. */
    @ParameterizedTest(name = "counted through {0}: {1} to {2}")
    @CsvSource({
            ", 2026-11-19, 2026-11-19",
            "2026-11-18, 2026-11-19, 2026-11-19",
            "2026-11-19, 2026-11-19, 2026-11-19",
            "2026-11-15, 2026-11-16, 2026-11-19",
            "2026-01-01, 2026-10-20, 2026-11-19"})
    void dueDays_whenRunsWereMissedOrRepeated_countYesterdayAndCatchUpBounded(LocalDate countedThrough, LocalDate first, LocalDate last) {
        StatisticsStore store = new StatisticsStore() {
            @Override
            public void put(DayCounts counts) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<DayCounts> between(String council, LocalDate from, LocalDate to) {
                return List.of();
            }

            @Override
            public Optional<LocalDate> countedThrough() {
                return Optional.ofNullable(countedThrough);
            }

            @Override
            public void countedThrough(LocalDate day) {
                throw new UnsupportedOperationException();
            }
        };
        // Half past midnight in the UK, in summer time or not: yesterday is still the UK's.
        Clock clock = Clock.fixed(TODAY.atTime(LocalTime.of(0, 30)).atZone(RetentionSchedule.UK).toInstant(), RetentionSchedule.UK);

        List<LocalDate> days = new DailyCounting(PolicyBook.bundled(Map.of()), null, null, null, store, clock).dueDays();

        assertThat(days.get(0)).isEqualTo(first);
        assertThat(days.get(days.size() - 1)).isEqualTo(last);
        assertThat(days).hasSize((int) (last.toEpochDay() - first.toEpochDay() + 1)).hasSizeLessThanOrEqualTo(DailyCounting.MAX_DAYS_PER_RUN);
    }
}
