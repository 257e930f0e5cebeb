package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as personal metadata, the copy's seal, and the case S3 cannot copy; S3 behaviour is in the integration tests. */
class MetadataScrubTest {

    private static final CallerHash SEALER = new CallerHash("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final String KEY = "rutland/customer-services/phone/2026/07/01/call-1.wav";

    @ParameterizedTest
    @CsvSource({
            "caller, true",
            "Caller, true",
            "agent, true",
            "caller-name, true",
            "recorded-at, false",
            "direction, false",
            "scrubbed-from, false",
            "scrubbed-held, false"
    })
    void carriesPersonal_whenOnlyThatMetadataIsThere(String name, boolean personal) {
        assertThat(ObjectMetadata.carriesPersonal(Map.of(name, "x"))).isEqualTo(personal);
    }

    @Test
    void ofScrubbedCopy_keepsOnlyWhatIsNotPersonalAndSealsTheSource() {
        Map<String, String> copy = ObjectMetadata.ofScrubbedCopy(Map.of("recorded-at", "2026-07-01T09:00:00Z", "Direction", "inbound",
                "caller", "01572 722577", "agent", "a-7"), KEY, new ObjectMetadata.Source("v1", false), SEALER);

        assertThat(copy).containsOnlyKeys("recorded-at", "direction", "scrubbed-from", "scrub-seal").containsEntry("scrubbed-from", "v1");
        assertThat(ObjectMetadata.carriesPersonal(copy)).isFalse();
        assertThat(ObjectMetadata.scrubbedFrom(copy, KEY, SEALER)).contains(new ObjectMetadata.Source("v1", false));
    }

    @Test
    void scrubbedFrom_whenHeldCopysMarkIsTakenOff_isEmpty() {
        Map<String, String> held = ObjectMetadata.ofScrubbedCopy(Map.of(), KEY, new ObjectMetadata.Source("v1", true), SEALER);
        Map<String, String> unmarked = new java.util.HashMap<>(held);
        unmarked.remove("scrubbed-held");

        assertThat(ObjectMetadata.scrubbedFrom(held, KEY, SEALER)).contains(new ObjectMetadata.Source("v1", true));
        assertThat(ObjectMetadata.scrubbedFrom(unmarked, KEY, SEALER)).isEmpty();
    }

    @Test
    void scrubbedFrom_whenSealIsForgedOrMadeForAnotherKeyOrKey_isEmpty() {
        Map<String, String> copy = ObjectMetadata.ofScrubbedCopy(Map.of(), KEY, new ObjectMetadata.Source("v1", false), SEALER);
        CallerHash anotherKey = new CallerHash("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));

        assertThat(ObjectMetadata.scrubbedFrom(Map.of("scrubbed-from", "v1", "scrub-seal", "0".repeat(64)), KEY, SEALER)).isEmpty();
        assertThat(ObjectMetadata.scrubbedFrom(Map.of("scrubbed-from", "v1"), KEY, SEALER)).isEmpty();
        assertThat(ObjectMetadata.scrubbedFrom(copy, KEY.replace("call-1", "call-2"), SEALER)).isEmpty();
        assertThat(ObjectMetadata.scrubbedFrom(copy, KEY, anotherKey)).isEmpty();
    }

    @Test
    void scrub_whenObjectIsLargerThanOneCopy_leavesItAndSaysSoWithoutCalls() {
        RefusingStore store = new RefusingStore();
        MetadataScrub scrub = new MetadataScrub(store, new RefusingCatalogue(), SEALER);
        StoredObject huge = new StoredObject("v1", RecordingStore.LARGEST_COPY + 1, Instant.EPOCH, "audio/wav", Map.of("caller", "01572 722577"), 6);

        CatalogueEntry catalogued = forKey(KEY).versionId("v1").ordering("t1").state(RecordingState.ACTIVE).council("rutland").team("customer-services")
                .channel("phone").recordedAt(Instant.EPOCH).retentionClass("P3M").policyRef("rutland@1").contentType("audio/wav")
                .sizeBytes(huge.size()).cataloguedAt(Instant.EPOCH).build();

        assertThat(scrub.scrub(KEY, huge, catalogued).result()).isEqualTo(MetadataScrub.Result.LEFT_TOO_LARGE);
        assertThat(store.calls).isEmpty();
    }

    /** Fails any call: the case under test must make none. */
    private static final class RefusingStore implements RecordingStore {
        final List<String> calls = new ArrayList<>();

        @Override
        public Optional<StoredObject> describe(String key, Optional<String> versionId) {
            throw refused("describe");
        }

        @Override
        public byte[] firstBytes(String key, String versionId, int count) {
            throw refused("firstBytes");
        }

        @Override
        public List<String> versionsAbove(String key, String versionId) {
            throw refused("versionsAbove");
        }

        @Override
        public Map<String, String> tags(String key, String versionId) {
            throw refused("tags");
        }

        @Override
        public void replaceTags(String key, String versionId, Map<String, String> tags) {
            throw refused("replaceTags");
        }

        @Override
        public String copyWithMetadata(String key, StoredObject source, Map<String, String> metadata, boolean legalHold) {
            throw refused("copyWithMetadata");
        }

        @Override
        public void placeLegalHold(String key, String versionId) {
            throw refused("placeLegalHold");
        }

        @Override
        public void liftLegalHold(String key, String versionId) {
            throw refused("liftLegalHold");
        }

        @Override
        public void deleteVersion(String key, String versionId) {
            throw refused("deleteVersion");
        }

        private AssertionError refused(String call) {
            calls.add(call);
            return new AssertionError("unexpected call: " + call);
        }
    }

    private static final class RefusingCatalogue implements Catalogue {
        @Override
        public Recording recordUnlessNewer(CatalogueEntry entry) {
            throw new AssertionError("unexpected call: recordUnlessNewer");
        }

        @Override
        public Repointing repoint(String recordingId, String fromVersionId, String toVersionId, boolean held) {
            throw new AssertionError("unexpected call: repoint");
        }
    }
}
