package uk.callretention.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonthlyStatisticsTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    /** One measure's breakdowns (a=..,b=..) and which of them are published afterwards. */
    @ParameterizedTest(name = "{0} -> shown {1}")
    @CsvSource(delimiter = '|', value = {
            "a=7,b=9,c=12 | a=7,b=9,c=12",
            "a=3          | ",
            "a=5          | a=5",
            "a=3,b=9,c=12 | c=12",
            "a=1,b=1,c=9  | ",
            "a=2,b=3,c=9  | c=9",
            "a=1,b=2,c=3  | ",
            "a=2,b=4,c=5  | c=5",
            "a=4,b=6      | ",
            "a=5,b=6,c=4  | b=6",
    })
    void suppressed_whenSmallFiguresAppear_hidesThemAndEnoughOthersThatNoneCanBeWorkedOut(String figures, String shown) {
        Map<Cell, Long> sums = new LinkedHashMap<>();
        for (String figure : figures.split(",")) {
            String[] parts = figure.strip().split("=");
            sums.put(new Cell(Measure.RECEIVED_BY_TEAM, parts[0]), Long.parseLong(parts[1]));
        }

        List<MonthlyStatistics.Figure> published = MonthlyStatistics.suppressed(sums);

        assertThat(published).hasSize(sums.size());
        String visible = published.stream().filter(f -> !f.suppressed()).map(f -> f.breakdown() + "=" + f.count().getAsLong())
                .collect(Collectors.joining(","));
        assertThat(visible).isEqualTo(shown == null ? "" : shown.replace(" ", ""));
        long hiddenSum = published.stream().filter(MonthlyStatistics.Figure::suppressed).mapToLong(f -> sums.get(new Cell(f.measure(), f.breakdown()))).sum();
        long hidden = published.stream().filter(MonthlyStatistics.Figure::suppressed).count();
        assertThat(hidden == 0 || hidden == sums.size() || (hidden >= 2 && hiddenSum >= MonthlyStatistics.SMALLEST_SHOWN))
                .as("a known total gives away no single suppressed figure").isTrue();
    }

    @Test
    void of_whenDaysSpanMonths_sumsEventsTakesTheLastStandingAndListsEveryMonthAsked() {
        Cell phone = new Cell(Measure.RECEIVED_BY_CHANNEL, "phone");
        Cell overdue = new Cell(Measure.HOLDS_OVERDUE_FOR_REVIEW, Measure.ALL);
        Cell erasures = new Cell(Measure.ERASURES, Measure.ALL);
        List<DayCounts> days = List.of(
                new DayCounts("rutland", LocalDate.of(2026, 11, 3), Map.of(phone, 4L, overdue, 9L)),
                new DayCounts("rutland", LocalDate.of(2026, 11, 4), Map.of(phone, 3L, overdue, 6L, erasures, 0L)),
                new DayCounts("rutland", LocalDate.of(2026, 11, 5), Map.of(phone, 1L)),
                new DayCounts("rutland", LocalDate.of(2026, 12, 1), Map.of(phone, 2L)));

        List<MonthlyStatistics.Month> months = MonthlyStatistics.of(days, NOVEMBER, YearMonth.of(2027, 1));

        assertThat(months).extracting(MonthlyStatistics.Month::month).containsExactly(NOVEMBER, YearMonth.of(2026, 12), YearMonth.of(2027, 1));
        assertThat(months).extracting(MonthlyStatistics.Month::daysCounted).containsExactly(3, 1, 0);
        assertThat(months.get(0).figures()).containsExactlyInAnyOrder(
                new MonthlyStatistics.Figure(Measure.RECEIVED_BY_CHANNEL, "phone", OptionalLong.of(8)),
                new MonthlyStatistics.Figure(Measure.HOLDS_OVERDUE_FOR_REVIEW, Measure.ALL, OptionalLong.of(6)));
        assertThat(months.get(1).figures()).containsExactly(new MonthlyStatistics.Figure(Measure.RECEIVED_BY_CHANNEL, "phone", OptionalLong.empty()));
        assertThat(months.get(2).figures()).isEmpty();
    }

    @Test
    void complete_onlyOnceEveryDayOfTheMonthIsCounted() {
        List<DayCounts> november = NOVEMBER.atDay(1).datesUntil(NOVEMBER.plusMonths(1).atDay(1))
                .map(day -> new DayCounts("rutland", day, Map.of())).toList();

        assertThat(MonthlyStatistics.of(november, NOVEMBER, NOVEMBER).get(0).complete()).isTrue();
        assertThat(MonthlyStatistics.of(november.subList(1, 30), NOVEMBER, NOVEMBER).get(0).complete()).isFalse();
    }
}
