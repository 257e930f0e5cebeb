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
            cron(30 2 * * ? *)          | Europe/London | 2026-11-26T02:30:00Z | 2026-11-27T02:30:00Z
            cron(15 1 * * ? *)          | Europe/London | 2026-11-25T01:14:00Z | 2026-11-25T01:15:00Z
            cron(0  2 * * ? *)          | UTC           | 2026-11-25T10:00:00Z | 2026-11-26T02:00:00Z
            cron(30 1 * * ? *)          | Europe/London | 2026-03-28T12:00:00Z | 2026-03-29T01:30:00Z
            cron(30 1 * * ? *)          | Europe/London | 2026-10-24T12:00:00Z | 2026-10-25T00:30:00Z
            rate(15 minutes)            | Europe/London | 2026-11-25T10:00:00Z | 2026-11-25T10:15:00Z
            rate(1 hour)                | UTC           | 2026-11-25T10:00:00Z | 2026-11-25T11:00:00Z
            rate(1 day)                 | UTC           | 2026-11-25T10:00:00Z | 2026-11-26T10:00:00Z
            at(2026-07-01T10:15:00)     | Europe/London | 2026-06-01T10:00:00Z | 2026-07-01T09:15:00Z
            at(2026-11-25T10:15:00)     | UTC           | 2026-11-25T10:15:00Z |
            """)
    void nextAfter_whenGivenAnExpressionAndZone_isTheNextRunStrictlyAfter(String expression, String zone, Instant after, Instant next) {
        assertThat(ScheduleExpression.parse(expression, ZoneId.of(zone)).nextAfter(after)).isEqualTo(Optional.ofNullable(next));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(0/15 * * * ? *)
            cron(0 9 ? * MON-FRI *)
            cron(60 9 * * ? *)
            cron(0 24 * * ? *)
            cron(0 9 * *)
            rate(0 minutes)
            rate(5 weeks)
            at(tomorrow)
            every(5 minutes)
            """)
    void parse_whenTheExpressionIsNotOneTheRuntimeRuns_namesThoseItDoes(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expression)
                .hasMessageContaining("cron(M H * * ? *), daily at H:M, rate(N minutes|hours|days) with N > 0 and at(yyyy-mm-ddThh:mm:ss)");
    }
}
