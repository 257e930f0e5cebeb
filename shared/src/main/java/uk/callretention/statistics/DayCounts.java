package uk.callretention.statistics;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One council's counts for one UK day, before any suppression: stored as they are, and never answered to anyone
 * (a day's small counts are what suppression hides, so only months are published).
 */
public record DayCounts(String council, LocalDate day, Map<Cell, Long> counts) {

    public DayCounts {
        counts = Map.copyOf(counts);
    }

    public long count(Measure measure, String breakdown) {
        return counts.getOrDefault(new Cell(measure, breakdown), 0L);
    }

    /** The counts in a stable order, for storing and tests. */
    public TreeMap<Cell, Long> sorted() {
        return new TreeMap<>(counts);
    }
}
