package uk.callretention.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.policy.PolicyBook;

class SweepCalendarTest {

    @ParameterizedTest(name = "expires {0}, today {1} -> filed under {2}")
    @CsvSource({"2025-06-01, 2025-06-30, 2025-06-30", "2025-06-30, 2025-06-30, 2025-06-30", "2025-07-15, 2025-06-30, 2025-07-15"})
    void indexDay_whenExpiryHasPassed_isToday(LocalDate expiresOn, LocalDate today, LocalDate expected) {
        assertThat(SweepCalendar.indexDay(expiresOn, today)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "today {0} -> first sweep from {1}")
    // The longest lifecycle rule is 733 days (P24M); no recording could expire before 2018-06-25 (2018-05-25 + P1M).
    @CsvSource({"2026-11-25, 2024-11-22", "2020-06-01, 2018-06-25"})
    void firstDay_whenNoSweepHasRun_looksBackAsFarAsTheLongestLifecycleRule(LocalDate today, LocalDate expected) {
        assertThat(new SweepCalendar(PolicyBook.bundled(Map.of())).firstDay(today)).isEqualTo(expected);
    }
}
