package uk.callretention.local.runtime.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchResponseTest {
    private static final Set<String> BATCH = Set.of("m1", "m2", "m3");

    @Test
    void failedIds_whenTheAnswerNamesSomeMessages_isThoseMessages() {
        Object answer = Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "m2")));

        assertThat(BatchResponse.failedIds(answer, BATCH)).containsExactly("m2");
    }

    @Test
    void failedIds_whenTheAnswerIsEmptyOrNothing_isNone() {
        assertThat(BatchResponse.failedIds(Map.of("batchItemFailures", List.of()), BATCH)).isEmpty();
        assertThat(BatchResponse.failedIds(null, BATCH)).isEmpty();
        assertThat(BatchResponse.failedIds("done", BATCH)).isEmpty();
    }

    @Test
    void failedIds_whenAnIdIsMissingOrNotInTheBatch_isTheWholeBatch() {
        assertThat(BatchResponse.failedIds(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "other"))), BATCH)).isEqualTo(BATCH);
        assertThat(BatchResponse.failedIds(Map.of("batchItemFailures", List.of(Map.of())), BATCH)).isEqualTo(BATCH);
    }
}
