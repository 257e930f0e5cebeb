package uk.callretention.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The outcome a per-object task reports, and reading it back from a completion report, as a table. */
class ReappliedTest {

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of(new Reapplied(Reapplied.Change.UNCHANGED, false, false), "unchanged"),
                Arguments.of(new Reapplied(Reapplied.Change.EARLIER, false, false), "earlier"),
                Arguments.of(new Reapplied(Reapplied.Change.EARLIER, true, false), "earlier,now-due"),
                Arguments.of(new Reapplied(Reapplied.Change.EARLIER, true, true), "earlier,now-due,applied"),
                Arguments.of(new Reapplied(Reapplied.Change.LATER, false, true), "later,applied"),
                Arguments.of(new Reapplied(Reapplied.Change.POLICY_ONLY, false, false), "policy-only"),
                Arguments.of(Reapplied.of(Reapplied.Change.UNCLASSIFIABLE), "unclassifiable"),
                Arguments.of(Reapplied.of(Reapplied.Change.NOT_CATALOGUED), "not-catalogued"),
                Arguments.of(Reapplied.of(Reapplied.Change.SUPERSEDED), "superseded"),
                Arguments.of(Reapplied.of(Reapplied.Change.NOT_ACTIVE), "not-active"),
                Arguments.of(Reapplied.of(Reapplied.Change.CHANGED_MEANWHILE), "changed-meanwhile"));
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void resultString_whenReadBack_givesTheSameOutcome(Reapplied outcome, String resultString) {
        assertThat(outcome.resultString()).isEqualTo(resultString);
        assertThat(Reapplied.parse(resultString)).contains(outcome);
    }

    @Test
    void parse_whenTextIsNotAnOutcome_givesNothing() {
        assertThat(Reapplied.parse("Lambda returned function error: {\"errorMessage\":\"Task timed out\"}")).isEmpty();
        assertThat(Reapplied.parse("later,deleted")).isEmpty();
        assertThat(Reapplied.parse("")).isEmpty();
        assertThat(Reapplied.parse(null)).isEmpty();
    }

    @Test
    void tally_whenTasksSucceedFailOrSayNothingKnown_countsEachOnce() {
        ReapplyReport.Tally tally = new ReapplyReport.Tally();
        Stream.of("earlier,now-due,applied", "later,applied", "unchanged", "not-active", "superseded", "changed-meanwhile", "gibberish")
                .forEach(tally::succeeded);
        tally.failed();

        assertThat(tally.report("run-1", false, true)).isEqualTo(new ReapplyReport("run-1", false, true, 3, 1, 1, 0, 1, 0, 2, 2, 3));
    }
}
