package uk.callretention.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingTagsTest {

    private static final Map<String, String> OURS = Map.of(
            "council", "rutland", "team", "customer-services", "channel", "phone",
            "retention", "P3M", "expires", "2026-04-05", "policy", "rutland@1");

    @Test
    void merge_whenUploaderSetOtherTags_keepsThemBesideOurs() {
        Map<String, String> merged = RecordingTags.merge(Map.of("platform", "genesys", "retention", "forever"), OURS);
        assertThat(merged).containsAllEntriesOf(OURS).containsEntry("platform", "genesys").hasSize(7);
    }

    @Test
    void merge_whenTooManyTags_keepsOursAndFillsToTenInKeyOrder() {
        Map<String, String> existing = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            existing.put("extra-" + i, "v");
        }
        Map<String, String> merged = RecordingTags.merge(existing, OURS);
        assertThat(merged).hasSize(10).containsAllEntriesOf(OURS).containsKeys("extra-0", "extra-1", "extra-2", "extra-3").doesNotContainKey("extra-4");
    }

    @Test
    void merge_whenExistingTagTooLong_cutsItToS3Limits() {
        Map<String, String> existing = new LinkedHashMap<>();
        existing.put("k".repeat(200), "v".repeat(300));
        Map<String, String> merged = RecordingTags.merge(existing, OURS);
        assertThat(merged).containsEntry("k".repeat(128), "v".repeat(256));
    }
}
