package uk.callretention.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.callretention.policy.RetentionClass;

class LifecycleCoverageTest {

    private static final List<RetentionClass> CLASSES = Stream.of("P1M", "P40D", "P3M").map(RetentionClass::of).toList();

    @Test
    void required_whenClassesGiven_isEachLongestSpanPlusTheMarginAndQuarantine() {
        assertThat(LifecycleCoverage.required(CLASSES)).containsExactlyInAnyOrderEntriesOf(
                Map.of("P1M", 33, "P40D", 42, "P3M", 94, "quarantine", 32));
    }

    @Test
    void problems_whenEveryClassHasALongEnoughRule_isEmpty() {
        List<LifecycleCoverage.Rule> rules = LifecycleCoverage.required(CLASSES).entrySet().stream()
                .map(e -> new LifecycleCoverage.Rule("r-" + e.getKey(), e.getKey(), e.getValue() + 5)).toList();

        assertThat(LifecycleCoverage.problems(CLASSES, rules)).isEmpty();
    }

    @Test
    void problems_whenAClassHasNoRule_namesTheTagAndTheDaysNeeded() {
        List<LifecycleCoverage.Rule> rules = List.of(new LifecycleCoverage.Rule("q", "quarantine", 32), new LifecycleCoverage.Rule("a", "P1M", 33),
                new LifecycleCoverage.Rule("b", "P40D", 42));

        assertThat(LifecycleCoverage.problems(CLASSES, rules)).containsExactly("no lifecycle rule expires retention=P3M: add one with ExpirationInDays 94");
    }

    @Test
    void catchAllDays_whenClassesGiven_isTheLongestRuleNeededPlusItsMargin() {
        assertThat(LifecycleCoverage.catchAllDays(CLASSES)).isEqualTo(94 + LifecycleCoverage.CATCH_ALL_MARGIN_DAYS);
    }

    @Test
    void catchAllProblems_whenMissingTooShortOrNotLongerThanARule_nameEach() {
        List<LifecycleCoverage.Rule> rules = List.of(new LifecycleCoverage.Rule("retention-P3M", "P3M", 120));

        assertThat(LifecycleCoverage.catchAllProblems(CLASSES, rules, OptionalInt.empty())).singleElement().asString()
                .contains("no catch-all", "ExpirationInDays 101");
        assertThat(LifecycleCoverage.catchAllProblems(CLASSES, rules, OptionalInt.of(100))).hasSize(2)
                .anySatisfy(problem -> assertThat(problem).contains("after 100 days", "at least 101"))
                .anySatisfy(problem -> assertThat(problem).contains("retention-P3M", "after 120 days"));
        assertThat(LifecycleCoverage.catchAllProblems(CLASSES, rules, OptionalInt.of(121))).isEmpty();
    }
}
