package uk.callretention.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void median_whenOddCount_isTheMiddleValue() {
        assertThat(Stats.median(List.of(900.0, 1500.0, 1000.0))).isEqualTo(1000.0);
    }

    @Test
    void median_whenEvenCount_isTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void median_whenNoneOrOnlyUnknown_isNaN() {
        assertThat(Stats.median(List.of())).isNaN();
        assertThat(Stats.median(List.of(Double.NaN))).isNaN();
    }

    @Test
    void ratio_whenTheWholeIsZero_isNaNRatherThanInfinity() {
        assertThat(Stats.ratio(1, 0)).isNaN();
        assertThat(Stats.ratio(420, 1000)).isEqualTo(0.42);
    }

    @Test
    void cold_printsEachSidesMediansAndTheirRatio() {
        List<Jvm.Run> project = List.of(cold(500, 600), cold(400, 500), cold(900, 800));
        List<Jvm.Run> naive = List.of(cold(1000, 1200), cold(1100, 1300), cold(1200, 1100));

        String rows = Report.cold("tag-recording", project, naive, 5L * 1024 * 1024, 20L * 1024 * 1024);

        assertThat(rows.lines()).containsExactly(
                "| tag-recording | project | 500 | 490 | 600 | 128.0 | 5000 | 5.0 |",
                "| tag-recording | naive | 1100 | 1090 | 1200 | 128.0 | 5000 | 20.0 |",
                "| tag-recording | **project / naive** | **0.45** | 0.45 | 0.50 | 1.00 | 1.00 | 0.25 |");
    }

    @Test
    void primed_comparesTheFirstInvocationWithAWarmOneAndWithTheNaiveFirst() {
        List<Jvm.Run> project = List.of(primed(30, 20), primed(40, 20), primed(35, 25));
        List<Jvm.Run> naive = List.of(primed(300, 60), primed(350, 70), primed(400, 80));

        assertThat(Report.primed("playback-url", project, naive))
                .isEqualTo("| playback-url | 800 | 2.0 | 35.0 | 20.0 | 1.75 | 350.0 | 70.0 | 0.10 |");
    }

    private static Jvm.Run cold(double wallMs, double cpuMs) {
        return new Jvm.Run(wallMs, Map.of("uptimeMs", wallMs - 10, "cpuMs", cpuMs, "peakRssKb", 131072.0, "classes", 5000.0), "{}");
    }

    private static Jvm.Run primed(double firstMs, double warmMs) {
        return new Jvm.Run(Double.NaN, Map.of("initMs", 800.0, "hooksMs", 2.0, "firstMs", firstMs, "warmMs", warmMs), "{}");
    }
}
