package uk.callretention.local.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionTest {

    @ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(30 2 * * ? *)          | Europe/London | 2026-11-25T10:00:00Z | 2026-11-26T02:30:00Z
            cron(30 2 * * ? *)          | Europe/London | 2026-07-01T10:00:00Z | 2026-07-02T01:30:00Z
            cron(0/15 * * * ? *)        | UTC           | 2026-11-25T10:07:00Z | 2026-11-25T10:15:00Z
            cron(0/15 * * * ? *)        | UTC           | 2026-11-25T10:15:00Z | 2026-11-25T10:30:00Z
            cron(5,10 8-9 * * ? *)      | UTC           | 2026-11-25T08:10:00Z | 2026-11-25T09:05:00Z
            cron(0 9 ? * MON-FRI *)     | UTC           | 2026-11-28T12:00:00Z | 2026-11-30T09:00:00Z
            cron(0 9 ? * 2 *)           | UTC           | 2026-11-25T12:00:00Z | 2026-11-30T09:00:00Z
            cron(0 0 1 JAN ? *)         | UTC           | 2026-11-25T12:00:00Z | 2027-01-01T00:00:00Z
            cron(0 0 29 2 ? *)          | UTC           | 2026-11-25T12:00:00Z | 2028-02-29T00:00:00Z
            cron(0 0 L * ? *)           | UTC           | 2026-02-01T00:00:00Z | 2026-02-28T00:00:00Z
            cron(0 0 LW * ? *)          | UTC           | 2026-05-01T00:00:00Z | 2026-05-29T00:00:00Z
            cron(0 0 1W * ? *)          | UTC           | 2026-07-31T00:00:00Z | 2026-08-03T00:00:00Z
            cron(0 0 15W * ? *)         | UTC           | 2026-11-01T00:00:00Z | 2026-11-16T00:00:00Z
            cron(0 0 ? * 6L *)          | UTC           | 2026-11-01T00:00:00Z | 2026-11-27T00:00:00Z
            cron(0 0 ? * 2#1 *)         | UTC           | 2026-11-25T00:00:00Z | 2026-12-07T00:00:00Z
            cron(0 1 31 3 ? 2026)       | Europe/London | 2026-01-01T00:00:00Z | 2026-03-31T00:00:00Z
            cron(30 1 29 3 ? 2026)      | Europe/London | 2026-03-28T00:00:00Z | 2026-03-29T01:30:00Z
            cron(0 0 1 1 ? 2025)        | UTC           | 2026-01-01T00:00:00Z |
            rate(5 minutes)             | UTC           | 2026-11-25T10:00:00Z | 2026-11-25T10:05:00Z
            rate(1 day)                 | UTC           | 2026-11-25T10:00:00Z | 2026-11-26T10:00:00Z
            at(2026-11-25T10:15:00)     | Europe/London | 2026-11-25T10:00:00Z | 2026-11-25T10:15:00Z
            at(2026-07-01T10:15:00)     | Europe/London | 2026-06-01T10:00:00Z | 2026-07-01T09:15:00Z
            at(2026-11-25T10:15:00)     | UTC           | 2026-11-25T10:15:00Z |
            """)
    void nextAfter_whenGivenAnExpressionAndZone_isTheNextRunStrictlyAfter(String expression, String zone, Instant after, Instant next) {
        assertThat(ScheduleExpression.parse(expression, ZoneId.of(zone)).nextAfter(after)).isEqualTo(Optional.ofNullable(next));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(0 9 * * * *)           | exactly one of day-of-month and day-of-week must be ?
            cron(0 9 ? * ? *)           | exactly one of day-of-month and day-of-week must be ?
            cron(0 9 * *)               | cron needs 6 fields
            cron(60 9 * * ? *)          | minutes 60 is outside 0-59
            cron(0 9 ? * FUN *)         | day-of-week 'FUN' is not a number
            cron(0 9-8 * * ? *)         | hours range 9-8 runs backwards
            rate(0 minutes)             | is not 'rate(N minutes|hours|days)' with N > 0
            rate(5 weeks)               | is not 'rate(N minutes|hours|days)' with N > 0
            at(tomorrow)                | is not 'at(yyyy-mm-ddThh:mm:ss)'
            every(5 minutes)            | is not cron(...), rate(...) or at(...)
            """)
    void parse_whenTheExpressionIsWrong_saysWhat(String expression, String problem) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
    }
}
