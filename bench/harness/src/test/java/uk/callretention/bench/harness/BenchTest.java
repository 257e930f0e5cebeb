package uk.callretention.bench.harness;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void parse_whenOnlyNamesAFunctionWithoutABaseline_failsNamingTheOnesThatHave() {
        assertThatThrownBy(() -> Bench.parse(new String[] {"--only", "tag-recording,publish-console"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("publish-console")
                .hasMessageContaining("tag-recording, playback-url, manage-recording, expire-recordings");
    }

    @Test
    void parse_whenRunsIsNotAPositiveNumber_fails() {
        assertThatThrownBy(() -> Bench.parse(new String[] {"--runs", "0"})).hasMessageContaining("--runs takes a positive whole number");
    }
}
