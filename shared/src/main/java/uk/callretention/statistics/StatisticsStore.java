package uk.callretention.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The councils' daily counts, one item per council and day. */
public interface StatisticsStore {

    /** Writes the day's counts over any written before, so counting a day again leaves one set of counts. */
    void put(DayCounts counts);

    /** The council's counted days from {@code from} to {@code to}, both included, in date order. */
    List<DayCounts> between(String council, LocalDate from, LocalDate to);

    /** The last day every council was counted for, if any has been. */
    Optional<LocalDate> countedThrough();

    void countedThrough(LocalDate day);
}
