package uk.callretention.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A council's figures by UK calendar month, made safe to publish: each figure is a month's sum of the days' counts
 * (the holds overdue: the last counted day's), and any figure under {@value #SMALLEST_SHOWN} is suppressed, so
 * nobody can be singled out by a count of one or two.
 *
 * <p>Complementary suppression: a measure's breakdowns add up to its total, and some totals can be had from another
 * measure (received by channel and by team count the same recordings). So within each month and measure, once one
 * figure is suppressed, the next smallest are suppressed too until at least two are and together they make at least
 * {@value #SMALLEST_SHOWN} (or all the measure's figures are): a known total then gives away only the sum of two or more
 * suppressed figures, never one of them, and never a sum under {@value #SMALLEST_SHOWN}. No totals are published.
 * Breakdowns with nothing counted are left out: none is not a small number of people.
 */
public final class MonthlyStatistics {

    public static final int SMALLEST_SHOWN = 5;

    private MonthlyStatistics() {
    }

    /** @param count empty when suppressed */
    public record Figure(Measure measure, String breakdown, OptionalLong count) {

        public boolean suppressed() {
            return count.isEmpty();
        }
    }

    /** @param daysCounted how many of the month's days have been counted, so a reader knows a month is partial */
    public record Month(YearMonth month, int daysCounted, List<Figure> figures) {

        /**
         * Whether every day of the month has been counted. Only a complete month is fit to publish: a month still being
         * counted changes day by day, and two readings a day apart would give away one day's counts, however small.
         */
        public boolean complete() {
            return daysCounted == month.lengthOfMonth();
        }
    }

    /** The months from {@code from} to {@code to}, both included, from the council's counted days in them. */
    public static List<Month> of(List<DayCounts> days, YearMonth from, YearMonth to) {
        Map<YearMonth, List<DayCounts>> byMonth = days.stream()
                .collect(Collectors.groupingBy(day -> YearMonth.from(day.day()), TreeMap::new, Collectors.toList()));
        List<Month> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            List<DayCounts> counted = byMonth.getOrDefault(month, List.of());
            months.add(new Month(month, counted.size(), suppressed(summed(counted))));
        }
        return months;
    }

    /** The month's figures before suppression; a standing measure is taken from the latest day that has it. */
    static Map<Cell, Long> summed(List<DayCounts> days) {
        Map<Cell, Long> sums = new TreeMap<>();
        Map<Cell, LocalDate> standingAsOf = new TreeMap<>();
        days.forEach(day -> day.counts().forEach((cell, count) -> {
            if (!cell.measure().standing()) {
                sums.merge(cell, count, Long::sum);
            } else if (standingAsOf.get(cell) == null || day.day().isAfter(standingAsOf.get(cell))) {
                standingAsOf.put(cell, day.day());
                sums.put(cell, count);
            }
        }));
        sums.values().removeIf(count -> count == 0);
        return sums;
    }

    static List<Figure> suppressed(Map<Cell, Long> sums) {
        Map<Measure, List<Map.Entry<Cell, Long>>> byMeasure = sums.entrySet().stream()
                .collect(Collectors.groupingBy(entry -> entry.getKey().measure(), TreeMap::new, Collectors.toList()));
        Set<Cell> hidden = new HashSet<>();
        byMeasure.values().forEach(cells -> hidden.addAll(toHide(cells)));
        return sums.entrySet().stream()
                .map(entry -> new Figure(entry.getKey().measure(), entry.getKey().breakdown(),
                        hidden.contains(entry.getKey()) ? OptionalLong.empty() : OptionalLong.of(entry.getValue())))
                .toList();
    }

    /** One measure's figures to suppress: every small one, then the next smallest until the suppressed are safe together. */
    private static Set<Cell> toHide(List<Map.Entry<Cell, Long>> cells) {
        List<Map.Entry<Cell, Long>> smallestFirst = cells.stream()
                .sorted(Map.Entry.<Cell, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder()))).toList();
        Set<Cell> hidden = new HashSet<>();
        long hiddenSum = 0;
        for (Map.Entry<Cell, Long> cell : smallestFirst) {
            boolean small = cell.getValue() < SMALLEST_SHOWN;
            boolean stillRevealing = !hidden.isEmpty() && (hidden.size() < 2 || hiddenSum < SMALLEST_SHOWN);
            if (!small && !stillRevealing) {
                break;
            }
            hidden.add(cell.getKey());
            hiddenSum += cell.getValue();
        }
        return hidden;
    }
}
