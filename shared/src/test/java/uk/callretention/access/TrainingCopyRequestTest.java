package uk.callretention.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.callretention.training.CutRange;

class TrainingCopyRequestTest {

    @Test
    void from_whenRangesInSeconds_readsThemToTheMillisecond() {
        Outcome<TrainingCopyRequest> read = TrainingCopyRequest.from(JsonBody.of(
                "{\"purpose\": \"training\", \"reference\": \"T-1\", \"cut\": [{\"from\": 12.5, \"to\": 20}, {\"from\": 0, \"to\": 0.001}]}"));

        assertThat(read).isInstanceOfSatisfying(Outcome.Done.class, done -> assertThat(((TrainingCopyRequest) done.value()).cut())
                .containsExactly(CutRange.between(Duration.ofMillis(12_500), Duration.ofSeconds(20)), CutRange.between(Duration.ZERO, Duration.ofMillis(1))));
    }

    @Test
    void from_whenMessagesOfAWebChat_readsThemAndAnEmptyListCutsOnlyThePatterns() {
        Outcome<TrainingCopyRequest> some = TrainingCopyRequest.from(JsonBody.of(
                "{\"purpose\": \"training\", \"reference\": \"T-1\", \"note\": \"n\", \"messages\": [3, 0, 3]}"));
        Outcome<TrainingCopyRequest> none = TrainingCopyRequest.from(JsonBody.of("{\"purpose\": \"training\", \"reference\": \"T-1\", \"messages\": []}"));

        assertThat(some).isInstanceOfSatisfying(Outcome.Done.class, done -> assertThat(((TrainingCopyRequest) done.value()).messages()).containsExactly(0, 3));
        assertThat(none).isInstanceOfSatisfying(Outcome.Done.class, done -> assertThat(((TrainingCopyRequest) done.value()).cutsAudio()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"purpose\": \"training\", \"reference\": \"T\"}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": 0, \"to\": 1}], \"messages\": [0]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": []}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": 2, \"to\": 1}]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": 1, \"to\": 1}]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": -1, \"to\": 1}]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": 0.0001, \"to\": 1}]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": 0, \"to\": 86401}]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": \"0\", \"to\": 1}]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [{\"from\": 0}]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": [[0, 1]]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"cut\": {\"from\": 0, \"to\": 1}}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"messages\": [1.5]}",
            "{\"purpose\": \"training\", \"reference\": \"T\", \"messages\": [-1]}",
            "{\"purpose\": \"training\", \"cut\": [{\"from\": 0, \"to\": 1}]}",
            "{\"reference\": \"T\", \"cut\": [{\"from\": 0, \"to\": 1}]}"})
    void from_whenWrong_isABadRequest(String body) {
        assertThat(TrainingCopyRequest.from(JsonBody.of(body)))
                .isInstanceOfSatisfying(Outcome.Refused.class, refused -> assertThat(refused.refusal().code()).isEqualTo("bad-request"));
    }
}
