package uk.callretention.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.access.Erasure;
import uk.callretention.access.JsonBody;
import uk.callretention.access.Outcome;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.Upload;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.Uploads;

/**
 * A DPO erases a recording while the platform uploads the same key again, both against the local S3 and DynamoDB,
 * started together from a latch, many times over. The erasure is of the recording as the catalogue showed it; the
 * re-upload is a new recording. Whichever runs first, each repetition must end with the erased version gone, the new
 * one kept and catalogued, and the catalogue naming a version that exists, with no person retrying anything: the
 * tagger's own redelivery (SQS's) is the only retry.
 */
@ExtendWith(LocalAwsExtension.class)
class ErasureReuploadRaceIntegrationTest {

    private static final int REPETITIONS = 40;
    private static final long SEED = 11L;
    private static final Map<String, List<?>> LISTED = new ConcurrentHashMap<>();

    static LocalAws aws;
    private static Recordings recordings;
    private static Erasure erasure;
    private static ExecutorService threads;

    @BeforeAll
    static void wire() {
        recordings = new Recordings(aws);
        erasure = recordings.erasure(aws.clients().s3(), aws.clients().dynamoDb(), ErasureReuploadRaceIntegrationTest::listingsSeen);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    @Test
    void erasure_whenTheSameKeyIsUploadedAgainMeanwhile_erasesTheOldRecordingAndKeepsTheNewOneCatalogued() throws Exception {
        Random random = new Random(SEED);
        List<String> wrong = new ArrayList<>();
        int sawTheNewVersion = 0;
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            String key = "rutland/customer-services/phone/2026/11/20/race-" + UUID.randomUUID() + ".wav";
            Upload first = recordings.upload(key);
            recordings.tagUntilDone(first);
            String erased = first.versionId().orElseThrow();
            String recordingId = RecordingId.forKey(key);
            int erasureDelayMillis = random.nextInt(10);
            int uploadDelayMillis = random.nextInt(40);
            CountDownLatch start = new CountDownLatch(1);

            Future<Outcome<Erasure.Erased>> erasing = threads.submit(() -> {
                start.await();
                Thread.sleep(erasureDelayMillis);
                return erasure.erase(Recordings.DPO, recordingId, JsonBody.of("{\"reference\":\"SAR-RACE\"}"));
            });
            Future<String> reuploading = threads.submit(() -> {
                start.await();
                Thread.sleep(uploadDelayMillis);
                Upload again = recordings.upload(key);
                recordings.tagUntilDone(again);
                return again.versionId().orElseThrow();
            });
            start.countDown();
            Outcome<Erasure.Erased> outcome = erasing.get(30, TimeUnit.SECONDS);
            String reuploaded = reuploading.get(30, TimeUnit.SECONDS);

            List<String> versions = recordings.versionsOf(key);
            CatalogueEntry entry = recordings.repositories().catalogue().find(recordingId).orElseThrow();
            String problem = !(outcome instanceof Outcome.Done<Erasure.Erased>) ? "erasure answered " + outcome
                    : versions.contains(erased) ? "the erased version is still stored"
                    : !versions.contains(reuploaded) ? "the new upload was deleted"
                    : entry.state() != RecordingState.ACTIVE || !reuploaded.equals(entry.versionId()) ? "catalogue says " + entry.state() + " " + entry.versionId()
                    : null;
            if (problem != null) {
                wrong.add("repetition " + repetition + " (erasure after " + erasureDelayMillis + " ms, upload after " + uploadDelayMillis + " ms): " + problem);
            }
            if (LISTED.get(key).size() > 1) {
                sawTheNewVersion++;
            }
        }
        System.out.printf("erasure vs re-upload: %d races (the erasure listed the new version in %d), %d inconsistent%n",
                REPETITIONS, sawTheNewVersion, wrong.size());

        assertThat(wrong).isEmpty();
        assertThat(sawTheNewVersion).as("both orders were tried").isBetween(1, REPETITIONS - 1);
    }

    @Test
    void erasure_whenTheTaggerReadTheVersionJustBeforeItWasErased_leavesTheTombstoneNotAnEntryForNothing() throws Exception {
        String key = "rutland/customer-services/phone/2026/11/20/redelivered-" + UUID.randomUUID() + ".wav";
        Upload upload = recordings.upload(key);
        recordings.tagUntilDone(upload);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch erased = new CountDownLatch(1);
        RecordingTagger pausedAfterReading = recordings.uploads().tagger(Uploads.pausedAfter("firstBytes", read, erased));

        // SQS delivers the upload's notification again: the tagger reads the version, then the erasure deletes it.
        Future<?> redelivery = threads.submit(() -> pausedAfterReading.tag(upload));
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
        Outcome<Erasure.Erased> outcome = erasure.erase(Recordings.DPO, RecordingId.forKey(key), JsonBody.of("{\"reference\":\"SAR-RACE\"}"));
        erased.countDown();
        try {
            redelivery.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            // Its tags met the deleted version: SQS delivers the notification once more.
            recordings.tagUntilDone(upload);
        }

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(recordings.versionsOf(key)).isEmpty();
        assertThat(recordings.repositories().catalogue().find(RecordingId.forKey(key)))
                .hasValueSatisfying(entry -> assertThat(entry.state()).as("no playback link to a version that is gone").isEqualTo(RecordingState.DELETED));
    }

    /** The bucket as the erasure sees it, remembering what each listing returned. */
    private static RetentionStore listingsSeen(RetentionStore store) {
        return (RetentionStore) Proxy.newProxyInstance(RetentionStore.class.getClassLoader(), new Class<?>[] {RetentionStore.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(store, args);
                    if (method.getName().equals("versionsOf")) {
                        LISTED.put((String) args[0], ((List<?>) result).stream().filter(v -> !((ObjectVersion) v).deleteMarker()).toList());
                    }
                    return result;
                });
    }
}
