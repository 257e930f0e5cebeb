package uk.callretention.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.callretention.access.Refusal;
import uk.callretention.retention.HoldOutcome;

class RefusalStatusTest {

    @Test
    void of_whenRefusedForEachReason_answersItsStatus() {
        Map<Refusal, Integer> table = Map.ofEntries(
                Map.entry(Refusal.BAD_REQUEST, 400),
                Map.entry(Refusal.UNKNOWN_PAGE, 400),
                Map.entry(Refusal.PURPOSE_NOT_ALLOWED, 400),
                Map.entry(Refusal.TRAINING_NOT_ALLOWED, 400),
                Map.entry(Refusal.UNAUTHENTICATED, 401),
                Map.entry(Refusal.NOT_PERMITTED, 403),
                Map.entry(Refusal.ACCESS_REQUEST_REQUIRED, 403),
                Map.entry(Refusal.OWN_ACCESS_REQUEST, 403),
                Map.entry(Refusal.NOT_FOUND, 404),
                Map.entry(Refusal.NO_SUCH_ACCESS_REQUEST, 404),
                Map.entry(Refusal.ACCESS_REQUEST_NOT_NEEDED, 409),
                Map.entry(Refusal.ALREADY_DECIDED, 409),
                Map.entry(Refusal.RECORDING_QUARANTINED, 409),
                Map.entry(Refusal.RECORDING_HELD, 409),
                Map.entry(Refusal.RECORDING_DELETED, 410),
                Map.entry(Refusal.BODY_TOO_LARGE, 413),
                Map.entry(Refusal.RECORDING_NOT_COPYABLE, 422),
                Map.entry(Refusal.recordingTooLarge("WAV file", 64L * 1024 * 1024), 422),
                Map.entry(Refusal.TOO_MANY_PLAYBACK_URLS, 429),
                Map.entry(Refusal.tooManyPlaybackUrls(20, "Rutland", Instant.EPOCH, Instant.EPOCH), 429),
                Map.entry(Refusal.ERASURE_INCOMPLETE, 503),
                Map.entry(hold("no-such-hold"), 404),
                Map.entry(hold("already-released"), 409),
                Map.entry(hold("hold-change-in-progress"), 409),
                Map.entry(hold("reason-not-allowed"), 400),
                Map.entry(hold("reference-required"), 400),
                Map.entry(hold("review-date-not-after-today"), 400),
                Map.entry(hold("review-date-too-far"), 400));

        table.forEach((refusal, status) -> assertThat(RefusalStatus.of(refusal)).as(refusal.code()).isEqualTo(status));
    }

    @Test
    void of_whenAnyRefusalTheApiGives_hasAStatus() throws IllegalAccessException {
        for (Field field : Refusal.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Refusal.class) {
                Refusal refusal = (Refusal) field.get(null);
                assertThat(RefusalStatus.of(refusal)).as(field.getName()).isBetween(400, 599);
            }
        }
        // HoldDesk answers each hold refusal with its own code, but these as Refusal's not-found and unauthenticated
        Set<HoldOutcome.Refusal> answeredAsOthers = EnumSet.of(HoldOutcome.Refusal.NO_SUCH_RECORDING, HoldOutcome.Refusal.RECORDING_DELETED,
                HoldOutcome.Refusal.PLACED_BY_REQUIRED, HoldOutcome.Refusal.RELEASED_BY_REQUIRED);
        Set<String> holdCodes = Arrays.stream(HoldOutcome.Refusal.values()).filter(refusal -> !answeredAsOthers.contains(refusal))
                .map(HoldOutcome.Refusal::code).collect(Collectors.toSet());
        holdCodes.forEach(code -> assertThat(RefusalStatus.of(hold(code))).as(code).isBetween(400, 499));
    }

    @Test
    void of_whenTheCodeHasNoStatus_saysSo() {
        assertThatThrownBy(() -> RefusalStatus.of(new Refusal("something-new", "Something new.")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("something-new");
    }

    private static Refusal hold(String code) {
        return new Refusal(code, "A hold refusal.");
    }
}
