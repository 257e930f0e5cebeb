package uk.callretention.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.access.Erasure;
import uk.callretention.access.JsonBody;
import uk.callretention.access.Outcome;
import uk.callretention.access.Refusal;
import uk.callretention.audit.AuditAction;
import uk.callretention.aws.AwsClients;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.Upload;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * Erasure under AWS faults (throttling, 500s, resets, lost answers, DeleteObjects refusing some keys) and crashes
 * before any of its calls, through the function's own clients. An erasure that fails answers 5xx, so the DPO asks
 * again; that second request, with no faults, must finish it: every version and delete marker gone, the tombstone
 * written, the erasure on the trail, and a third request told the recording is deleted.
 */
@ExtendWith(LocalAwsExtension.class)
class ErasureFaultsIntegrationTest {

    private static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final double RATE = 0.3;

    static LocalAws aws;
    private static Recordings recordings;
    private static Erasure erasure;

    @BeforeAll
    static void wire() {
        recordings = new Recordings(aws);
        AwsClients production = AwsClients.fromEnvironment(aws.environmentOf("ManageRecordingFunction"));
        erasure = recordings.erasure(production.s3(), production.dynamoDb(), UnaryOperator.identity());
    }

    @Test
    void erasure_whenAwsFailsAtRandom_isFinishedWhenTheDpoAsksAgain() {
        int injected = 0;
        int unfinished = 0;
        for (long seed : SEEDS) {
            String key = recordingWithHistory();
            Faults faults = Faults.seeded(seed, RATE, Fault.values());

            if (!(faults.call(() -> eraseOrFail(key)) instanceof Outcome.Done<Erasure.Erased>)) {
                unfinished++;
                eraseOrFail(key);
            }

            assertErased(key, faults.summary());
            injected += faults.injected();
        }
        System.out.println("erasure under faults: %d seeds at rate %.2f, %d faults injected, %d erasures left unfinished and finished when asked again"
                .formatted(SEEDS.length, RATE, injected, unfinished));
        assertThat(injected).isPositive();
    }

    @Test
    void erasure_whenItDiesBeforeAnyOfItsCalls_isFinishedWhenTheDpoAsksAgain() {
        String probed = recordingWithHistory();
        Faults probe = Faults.none();
        probe.run(() -> eraseOrFail(probed));
        List<String> steps = probe.calls();

        for (int call = 1; call <= steps.size(); call++) {
            String key = recordingWithHistory();
            Faults crash = Faults.crashingAt(call);
            try {
                crash.run(() -> eraseOrFail(key));
            } catch (Error died) {
                assertThat(crash.crashed()).isTrue();
            }

            eraseOrFail(key);

            assertErased(key, crash.summary());
        }
        System.out.println("erasure crashes: died before each of its %d calls %s, each finished when asked again".formatted(steps.size(), steps));
    }

    /** Two uploads of one key with a delete marker between them, the second catalogued. */
    private static String recordingWithHistory() {
        String key = "rutland/customer-services/phone/2026/11/20/erase-" + UUID.randomUUID() + ".wav";
        recordings.tagUntilDone(recordings.upload(key));
        recordings.deleteMarker(key);
        Upload current = recordings.upload(key);
        recordings.tagUntilDone(current);
        return key;
    }

    /** What the API answers: an outcome, or a 500 when an AWS call failed past the SDK's retries. */
    private static Outcome<Erasure.Erased> eraseOrFail(String key) {
        try {
            return erasure.erase(Recordings.DPO, RecordingId.forKey(key), JsonBody.of("{\"reference\":\"SAR-FAULTS\"}"));
        } catch (RuntimeException failed) {
            return Outcome.refused(Refusal.ERASURE_INCOMPLETE);
        }
    }

    private static void assertErased(String key, String replay) {
        String recordingId = RecordingId.forKey(key);
        assertThat(recordings.everythingUnder(key)).as("every version and marker gone (%s)", replay).isEmpty();
        assertThat(recordings.repositories().catalogue().find(recordingId)).as(replay)
                .hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(RecordingState.DELETED));
        assertThat(recordings.repositories().audit().trailOf(recordingId)).as(replay)
                .anySatisfy(event -> assertThat(event.action()).isEqualTo(AuditAction.ERASED));
        assertThat(eraseOrFail(key)).as(replay).isEqualTo(Outcome.refused(Refusal.RECORDING_DELETED));
    }
}
