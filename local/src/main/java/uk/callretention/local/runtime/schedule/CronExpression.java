package uk.callretention.local.runtime.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * EventBridge's six-field cron: minutes, hours, day-of-month, month, day-of-week (1 = Sunday), year. Fields take
 * {@code *}, values, ranges, lists and steps; one of the two day fields must be {@code ?}; day-of-month also takes
 * {@code L}, {@code LW} and {@code nW}, day-of-week {@code nL} and {@code n#k}.
 */
final class CronExpression {
    private static final int LAST_YEAR = 2199;
    private static final Map<String, Integer> MONTHS = names("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final Map<String, Integer> DAYS = names("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final BitSet minutes;
    private final BitSet hours;
    private final Predicate<LocalDate> days;
    private final BitSet months;
    private final BitSet years;

    private CronExpression(BitSet minutes, BitSet hours, Predicate<LocalDate> days, BitSet months, BitSet years) {
        this.minutes = minutes;
        this.hours = hours;
        this.days = days;
        this.months = months;
        this.years = years;
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    static CronExpression parse(String fields) {
        String[] field = fields.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (field.length != 6) {
            throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week year), not " + field.length);
        }
        boolean anyDayOfMonth = field[2].equals("?");
        if (anyDayOfMonth == field[4].equals("?")) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be ?");
        }
        Predicate<LocalDate> days = anyDayOfMonth ? dayOfWeek(field[4]) : dayOfMonth(field[2]);
        return new CronExpression(values(field[0], "minutes", 0, 59, Map.of()), values(field[1], "hours", 0, 23, Map.of()), days,
                values(field[3], "month", 1, 12, MONTHS), values(field[5], "year", 1970, LAST_YEAR, Map.of()));
    }

    /** The first matching minute strictly after the given time, in the same local time. */
    Optional<LocalDateTime> nextAfter(LocalDateTime after) {
        LocalDateTime start = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate date = start.toLocalDate();
        while (date.getYear() <= LAST_YEAR) {
            if (!years.get(date.getYear())) {
                date = LocalDate.of(date.getYear() + 1, 1, 1);
            } else if (!months.get(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
            } else {
                if (days.test(date)) {
                    LocalTime from = date.equals(start.toLocalDate()) ? start.toLocalTime() : LocalTime.MIDNIGHT;
                    for (int hour = hours.nextSetBit(from.getHour()); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                        int minute = minutes.nextSetBit(hour == from.getHour() ? from.getMinute() : 0);
                        if (minute >= 0) {
                            return Optional.of(date.atTime(hour, minute));
                        }
                    }
                }
                date = date.plusDays(1);
            }
        }
        return Optional.empty();
    }

    private static Predicate<LocalDate> dayOfMonth(String field) {
        List<Predicate<LocalDate>> any = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String part : field.split(",")) {
            if (part.equals("L")) {
                any.add(date -> date.getDayOfMonth() == date.lengthOfMonth());
            } else if (part.equals("LW")) {
                any.add(date -> date.equals(weekdayNearest(date.with(TemporalAdjusters.lastDayOfMonth()))));
            } else if (part.endsWith("W")) {
                int day = number(part.substring(0, part.length() - 1), "day-of-month", 1, 31);
                any.add(date -> day <= date.lengthOfMonth() && date.equals(weekdayNearest(date.withDayOfMonth(day))));
            } else {
                plain.add(part);
            }
        }
        if (!plain.isEmpty()) {
            BitSet days = values(String.join(",", plain), "day-of-month", 1, 31, Map.of());
            any.add(date -> days.get(date.getDayOfMonth()));
        }
        return date -> any.stream().anyMatch(rule -> rule.test(date));
    }

    private static Predicate<LocalDate> dayOfWeek(String field) {
        List<Predicate<LocalDate>> any = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String part : field.split(",")) {
            if (part.length() > 1 && part.endsWith("L")) {
                int day = dayNumber(part.substring(0, part.length() - 1));
                any.add(date -> cronDay(date) == day && date.plusWeeks(1).getMonth() != date.getMonth());
            } else if (part.contains("#")) {
                String[] dayAndWeek = part.split("#", 2);
                int day = dayNumber(dayAndWeek[0]);
                int week = number(dayAndWeek[1], "day-of-week's #", 1, 5);
                any.add(date -> cronDay(date) == day && (date.getDayOfMonth() - 1) / 7 + 1 == week);
            } else {
                // a lone L is the week's last day, Saturday
                plain.add(part.equals("L") ? "7" : part);
            }
        }
        if (!plain.isEmpty()) {
            BitSet days = values(String.join(",", plain), "day-of-week", 1, 7, DAYS);
            any.add(date -> days.get(cronDay(date)));
        }
        return date -> any.stream().anyMatch(rule -> rule.test(date));
    }

    /** Cron counts Sunday as 1 and Saturday as 7. */
    private static int cronDay(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    private static int dayNumber(String text) {
        return DAYS.containsKey(text) ? DAYS.get(text) : number(text, "day-of-week", 1, 7);
    }

    /** The weekday nearest the given day in its own month, as cron's W means. */
    private static LocalDate weekdayNearest(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
        }
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
        }
        return day;
    }

    private static BitSet values(String field, String name, int min, int max, Map<String, Integer> names) {
        BitSet set = new BitSet(max + 1);
        for (String part : field.split(",")) {
            String[] rangeAndStep = part.split("/", 2);
            int step = rangeAndStep.length == 2 ? number(rangeAndStep[1], name + "'s step", 1, max) : 1;
            String range = rangeAndStep[0];
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = value(ends[0], name, min, max, names);
                to = value(ends[1], name, min, max, names);
            } else {
                from = value(range, name, min, max, names);
                to = rangeAndStep.length == 2 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException(name + " range " + range + " runs backwards");
            }
            for (int value = from; value <= to; value += step) {
                set.set(value);
            }
        }
        return set;
    }

    private static int value(String text, String name, int min, int max, Map<String, Integer> names) {
        return names.containsKey(text) ? names.get(text) : number(text, name, min, max);
    }

    private static int number(String text, String name, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " " + value + " is outside " + min + "-" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number");
        }
    }

    private static Map<String, Integer> names(String... names) {
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            numbers.put(names[i], i + 1);
        }
        return Map.copyOf(numbers);
    }
}
