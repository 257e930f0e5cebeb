package uk.callretention.local.runtime.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EventBridge Scheduler expressions the template uses, a daily {@code cron(M H * * ? *)} in its time zone and
 * {@code rate(N minutes|hours|days)}, and the one-off {@code at(yyyy-mm-ddThh:mm:ss)} that tests fire a schedule with.
 * Any other (other cron fields) is refused with what is supported, rather than run at times the deployed schedule would not.
 */
public sealed interface ScheduleExpression {
    Pattern DAILY_CRON = Pattern.compile("cron\\((\\d{1,2}) (\\d{1,2}) \\* \\* \\? \\*\\)");
    Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    Pattern AT = Pattern.compile("at\\((.+)\\)");

    /** When it next runs strictly after the given instant; empty when it never runs again. */
    Optional<Instant> nextAfter(Instant after);

    /** @throws IllegalArgumentException naming the expressions the local runtime runs */
    static ScheduleExpression parse(String expression, ZoneId zone) {
        String text = expression.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        Matcher daily = DAILY_CRON.matcher(text);
        Matcher rate = RATE.matcher(text);
        Matcher at = AT.matcher(expression.trim());
        try {
            if (at.matches()) {
                return new At(LocalDateTime.parse(at.group(1)).atZone(zone).toInstant());
            }
            if (daily.matches()) {
                return new Daily(LocalTime.of(Integer.parseInt(daily.group(2)), Integer.parseInt(daily.group(1))), zone);
            }
            if (rate.matches() && Long.parseLong(rate.group(1)) > 0) {
                long every = Long.parseLong(rate.group(1));
                return new Rate(switch (rate.group(2).charAt(0)) {
                    case 'm' -> Duration.ofMinutes(every);
                    case 'h' -> Duration.ofHours(every);
                    default -> Duration.ofDays(every);
                });
            }
        } catch (DateTimeException outOfRange) {
            // an hour over 23, a minute over 59 or a date that is none: refused below like any other expression
        }
        throw new IllegalArgumentException("'" + expression + "' is not one the local runtime runs: it runs cron(M H * * ? *), daily at"
                + " H:M, rate(N minutes|hours|days) with N > 0 and at(yyyy-mm-ddThh:mm:ss); use one or add support in " + ScheduleExpression.class.getName());
    }

    /** Every day at a local time: a time the clocks skip runs at the first minute after, a time they repeat runs once. */
    record Daily(LocalTime at, ZoneId zone) implements ScheduleExpression {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            LocalDate day = LocalDate.ofInstant(after, zone);
            Instant next = ZonedDateTime.of(day, at, zone).toInstant();
            while (!next.isAfter(after)) {
                day = day.plusDays(1);
                next = ZonedDateTime.of(day, at, zone).toInstant();
            }
            return Optional.of(next);
        }
    }

    record Rate(Duration every) implements ScheduleExpression {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return Optional.of(after.plus(every));
        }
    }

    record At(Instant when) implements ScheduleExpression {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return when.isAfter(after) ? Optional.of(when) : Optional.empty();
        }
    }
}
