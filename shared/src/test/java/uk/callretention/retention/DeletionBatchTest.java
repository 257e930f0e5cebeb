package uk.callretention.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.anEntry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

class DeletionBatchTest {

    private final FakeBucket bucket = new FakeBucket();
    private final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final DeletionBatch batch = new DeletionBatch(bucket, attempt -> { }, (entry, delete) -> deleted.add(entry.recordingId()),
            entry -> refused.add(entry.recordingId()));

    @Test
    void add_whenRecordingsHaveOneVersionEach_callsDeleteObjectsOncePerThousand() {
        IntStream.range(0, 2500).forEach(i -> batch.add(entry("r" + i), delete("r" + i, 1)));
        batch.flush();

        assertThat(bucket.calls).extracting(List::size).containsExactly(1000, 1000, 500);
        assertThat(deleted).hasSize(2500);
    }

    @Test
    void add_whenManyWorkersAddAtOnce_putsEachRecordingInExactlyOneFullCall() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> added = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                int first = worker * 1000;
                added.add(workers.submit(() -> IntStream.range(first, first + 1000).forEach(i -> batch.add(entry("r" + i), delete("r" + i, 1)))));
            }
            for (Future<?> done : added) {
                done.get();
            }
        } finally {
            workers.shutdown();
        }
        batch.flush();

        assertThat(bucket.calls).extracting(List::size).containsOnly(1000).hasSize(8);
        assertThat(bucket.calls.stream().flatMap(List::stream).map(ObjectVersion::key)).doesNotHaveDuplicates().hasSize(8000);
        assertThat(deleted).hasSize(8000).doesNotHaveDuplicates();
    }

    @Test
    void add_whenARecordingWouldOverfillTheBatch_sendsTheBatchFirstAndKeepsTheRecordingWhole() {
        batch.add(entry("a"), delete("a", 999));
        batch.add(entry("b"), delete("b", 2));
        batch.flush();

        assertThat(bucket.calls).extracting(List::size).containsExactly(999, 2);
    }

    @Test
    void add_whenOneRecordingHasMoreThanAThousandVersions_splitsItsCallsAndDeletesItOnce() {
        batch.add(entry("many"), delete("many", 2300));
        batch.flush();

        assertThat(bucket.calls).extracting(List::size).containsExactly(1000, 1000, 300);
        assertThat(deleted).containsExactly("many");
    }

    @Test
    void flush_whenAVersionIsRefusedOnce_retriesOnlyThatVersionAndDeletesAll() {
        bucket.refuse("a/0", 1);
        batch.add(entry("a"), delete("a", 2));
        batch.add(entry("b"), delete("b", 1));
        batch.flush();

        assertThat(bucket.calls).extracting(List::size).containsExactly(3, 1);
        assertThat(deleted).containsExactly("a", "b");
        assertThat(refused).isEmpty();
    }

    @Test
    void flush_whenAVersionIsAlwaysRefused_triesThreeTimesAndReportsOnlyItsRecording() {
        bucket.refuse("a/1", Integer.MAX_VALUE);
        batch.add(entry("a"), delete("a", 2));
        batch.add(entry("b"), delete("b", 1));
        batch.flush();

        assertThat(bucket.calls).hasSize(DeletionBatch.MAX_ATTEMPTS);
        assertThat(refused).containsExactly("a");
        assertThat(deleted).containsExactly("b");
    }

    @Test
    void flush_whenTheRefusalNamesOnlyTheKey_countsEveryVersionOfThatKeyRefused() {
        bucket.refuseWholeKey("a", 1);
        batch.add(entry("a"), delete("a", 3));
        batch.flush();

        assertThat(bucket.calls).extracting(List::size).containsExactly(3, 3);
        assertThat(deleted).containsExactly("a");
    }

    private static CatalogueEntry entry(String id) {
        return anEntry().recordingId(id).objectKey(id).versionId("v0").ordering("t1").state(RecordingState.ACTIVE).council("rutland")
                .team("customer-services").channel("phone").recordedOn(LocalDate.of(2025, 1, 1)).retentionClass("P3M")
                .expiresOn(LocalDate.of(2025, 4, 1)).policyRef("rutland@1").build();
    }

    private static Recheck.Delete delete(String key, int versions) {
        return new Recheck.Delete(IntStream.range(0, versions).mapToObj(i -> new ObjectVersion(key, key + "/" + i, false)).toList(), false);
    }

    /** Records each DeleteObjects call; refuses chosen versions (or whole keys, naming no version) a number of times. */
    private static final class FakeBucket implements RetentionStore {
        final List<List<ObjectVersion>> calls = new ArrayList<>();
        private final Map<String, Integer> refusals = new HashMap<>();
        private final Map<String, Integer> wholeKeyRefusals = new HashMap<>();

        void refuse(String versionId, int times) {
            refusals.put(versionId, times);
        }

        void refuseWholeKey(String key, int times) {
            wholeKeyRefusals.put(key, times);
        }

        @Override
        public synchronized List<ObjectVersion> delete(List<ObjectVersion> versions) {
            assertThat(versions).hasSizeLessThanOrEqualTo(DeletionBatch.MAX_KEYS_PER_CALL);
            calls.add(List.copyOf(versions));
            List<ObjectVersion> refused = new ArrayList<>();
            for (ObjectVersion version : versions) {
                if (refusals.merge(version.versionId(), -1, Integer::sum) >= 0) {
                    refused.add(version);
                }
            }
            versions.stream().map(ObjectVersion::key).distinct()
                    .filter(key -> wholeKeyRefusals.merge(key, -1, Integer::sum) >= 0)
                    .forEach(key -> refused.add(new ObjectVersion(key, null, false)));
            return refused;
        }

        @Override
        public List<ObjectVersion> versionsOf(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> tags(String key, String versionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceTags(String key, String versionId, Map<String, String> tags) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isUnderLegalHold(String key, String versionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean setLegalHold(String key, String versionId, boolean on) {
            throw new UnsupportedOperationException();
        }
    }
}
