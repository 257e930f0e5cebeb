package uk.callretention.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.policy.PolicyBook;

class SweepCalendarTest {

    @ParameterizedTest(name = "expires {0}, today {1} -> filed under {2}")
    @CsvSource({"2025-06-01, 2025-06-30, 2025-06-30", "2025-06-30, 2025-06-30, 2025-06-30", "2025-07-15, 2025-06-30, 2025-07-15"})
    void indexDay_whenExpiryHasPassed_isToday(LocalDate expiresOn, LocalDate today, LocalDate expected) {
        assertThat(SweepCalendar.indexDay(expiresOn, today)).isEqualTo(expected);
    }

    @Test
    void earliestPossibleExpiry_whenBundledPolicies_isTheFirstRecordingDayPlusTheShortestClass() {
        // South Hams and Rotherham began on 2018-05-25; the shortest class any policy can give is P1M.
        assertThat(SweepCalendar.earliestPossibleExpiry(PolicyBook.bundled(Map.of()))).contains(LocalDate.of(2018, 6, 25));
    }
}
