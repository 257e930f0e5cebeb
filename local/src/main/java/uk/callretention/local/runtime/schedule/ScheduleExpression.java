package uk.callretention.local.runtime.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An EventBridge Scheduler expression, {@code cron(...)}, {@code rate(...)} or {@code at(...)}, in its time zone. */
public sealed interface ScheduleExpression {

    /** @return when it next runs strictly after the given instant; empty when it never runs again */
    Optional<Instant> nextAfter(Instant after);

    /** @throws IllegalArgumentException saying what is wrong with the expression */
    static ScheduleExpression parse(String expression, ZoneId zone) {
        Matcher matcher = Pattern.compile("(cron|rate|at)\\((.*)\\)").matcher(expression.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + expression + "' is not cron(...), rate(...) or at(...)");
        }
        String body = matcher.group(2).trim();
        return switch (matcher.group(1)) {
            case "cron" -> new Cron(CronExpression.parse(body), zone);
            case "rate" -> Rate.parse(body);
            default -> At.parse(body, zone);
        };
    }

    record Cron(CronExpression cron, ZoneId zone) implements ScheduleExpression {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            LocalDateTime from = LocalDateTime.ofInstant(after, zone);
            while (true) {
                Optional<LocalDateTime> next = cron.nextAfter(from);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                // a time the clocks skip moves forward; a time they repeat counts once, at its first occurrence
                Instant instant = next.get().atZone(zone).toInstant();
                if (instant.isAfter(after)) {
                    return Optional.of(instant);
                }
                from = next.get();
            }
        }
    }

    record Rate(Duration every) implements ScheduleExpression {
        private static final Pattern RATE = Pattern.compile("(\\d+)\\s+(minute|minutes|hour|hours|day|days)");

        static Rate parse(String body) {
            Matcher matcher = RATE.matcher(body.toLowerCase(Locale.ROOT));
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
                throw new IllegalArgumentException("rate(" + body + ") is not 'rate(N minutes|hours|days)' with N > 0");
            }
            long value = Long.parseLong(matcher.group(1));
            return new Rate(switch (matcher.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(value);
                case 'h' -> Duration.ofHours(value);
                default -> Duration.ofDays(value);
            });
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return Optional.of(after.plus(every));
        }
    }

    record At(Instant when) implements ScheduleExpression {
        static At parse(String body, ZoneId zone) {
            try {
                return new At(LocalDateTime.parse(body).atZone(zone).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("at(" + body + ") is not 'at(yyyy-mm-ddThh:mm:ss)'");
            }
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return when.isAfter(after) ? Optional.of(when) : Optional.empty();
        }
    }
}
