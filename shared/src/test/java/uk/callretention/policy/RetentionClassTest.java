package uk.callretention.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionClassTest {

    // The longest runs of calendar months: July–September (92 days), July–December (184),
    // a year with 29 February (366), July to the next-but-one December with a leap year (550).
    @ParameterizedTest(name = "{0} -> {1} days")
    @CsvSource({"P1M, 31", "P40D, 40", "P3M, 92", "P6M, 184", "P12M, 366", "P18M, 550", "P24M, 731"})
    void longestSpanDays_whenClassGiven_isItsLongestCalendarRun(String id, int days) {
        assertThat(RetentionClass.of(id).longestSpanDays()).isEqualTo(days);
    }

    @ParameterizedTest(name = "{1} + {0} = {2}")
    @CsvSource({
        "P1M, 2025-01-31, 2025-02-28",
        "P1M, 2024-01-31, 2024-02-29",
        "P3M, 2025-08-31, 2025-11-30",
        "P18M, 2022-08-31, 2024-02-29",
        "P40D, 2024-02-20, 2024-03-31"})
    void expiresOn_whenMonthIsShorter_endsOnItsLastDay(String id, LocalDate recordedOn, LocalDate expiresOn) {
        assertThat(RetentionClass.of(id).expiresOn(recordedOn)).isEqualTo(expiresOn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3 months", "PT5M", "P", "", "P0M", "P0D", "P-3M", "P1M-1D"})
    void of_whenNotAPositiveIsoPeriod_refuses(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> RetentionClass.of(text)).withMessageContaining("'" + text + "'");
    }

    @Test
    void compareTo_whenSorted_ordersByLength() {
        List<String> sorted = Stream.of("P24M", "P40D", "P3M", "P1M", "P18M").map(RetentionClass::of).sorted().map(RetentionClass::id).toList();

        assertThat(sorted).containsExactly("P1M", "P40D", "P3M", "P18M", "P24M");
    }
}
