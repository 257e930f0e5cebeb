package uk.callretention.policy;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How long a recording is kept: an ISO-8601 period applied with calendar arithmetic, so
 * 31 January plus {@code P1M} is 28 (or 29) February. Its text ({@link #id()}, e.g. {@code P3M})
 * is the retention class written on each recording and matched by the storage lifecycle rules.
 */
public record RetentionClass(Period period) implements Comparable<RetentionClass> {

    /**
     * The only values a council's retention setting may take. The list is fixed so that a
     * lifecycle rule for each can be deployed before anyone changes the setting.
     */
    public static final List<RetentionClass> SETTABLE =
            Stream.of("P1M", "P3M", "P6M", "P12M", "P18M", "P24M").map(RetentionClass::of).toList();

    // Orders classes by how far they reach from one fixed day, which for whole months and days is their length.
    private static final LocalDate ORDERING_START = LocalDate.of(2001, 1, 1);
    private static final Comparator<RetentionClass> BY_REACH =
            Comparator.<RetentionClass, LocalDate>comparing(c -> ORDERING_START.plus(c.period)).thenComparing(RetentionClass::id);

    public RetentionClass {
        Objects.requireNonNull(period, "period");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("'" + period + "' must be longer than zero");
        }
    }

    /** Reads a period such as {@code P3M}, {@code P40D} or {@code P18M}; rejects anything else with a reason. */
    public static RetentionClass of(String text) {
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 period such as P3M or P40D");
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' must be longer than zero");
        }
        return new RetentionClass(period);
    }

    /** The class's name on tags and in the catalogue. */
    public String id() {
        return period.toString();
    }

    /** The day a recording made on {@code recordedOn} (a UK date) is due for deletion. */
    public LocalDate expiresOn(LocalDate recordedOn) {
        return recordedOn.plus(period);
    }

    /**
     * The most days from recording to deletion this class can take, over every possible
     * recording day: what a day-granular lifecycle rule must wait for, so that it never
     * deletes early ({@code P1M} is 31, {@code P3M} is 92).
     */
    public int longestSpanDays() {
        // The Gregorian calendar repeats every 400 years, so one cycle holds every case exactly.
        LocalDate cycleStart = LocalDate.of(2000, 1, 1);
        LocalDate cycleEnd = cycleStart.plusYears(400);
        long longest = 0;
        for (LocalDate day = cycleStart; day.isBefore(cycleEnd); day = day.plusDays(1)) {
            longest = Math.max(longest, ChronoUnit.DAYS.between(day, day.plus(period)));
        }
        return Math.toIntExact(longest);
    }

    @Override
    public int compareTo(RetentionClass other) {
        return BY_REACH.compare(this, other);
    }

    @Override
    public String toString() {
        return id();
    }
}
