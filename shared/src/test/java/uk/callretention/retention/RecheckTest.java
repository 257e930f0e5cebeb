package uk.callretention.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecheckTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    /** Two versions of one key; each column is what the bucket says of a version. "-" means no such tag. */
    @ParameterizedTest(name = "[{index}] v1 {0}/{1}/{2}, v2 {3}/{4}/{5} -> {6}")
    @CsvSource({
        "P3M,  2025-06-30, false, P3M,  2025-06-01, false, DELETE",
        "P3M,  2025-06-29, false, P3M,  2025-06-29, false, DELETE",
        "P3M,  2025-07-01, false, P3M,  2025-06-01, false, NOT_YET_DUE",
        "held, 2025-06-01, false, P3M,  2025-06-01, false, HELD",
        "P3M,  2025-06-01, true,  P3M,  2025-06-01, false, HELD",
        "P3M,  2025-06-01, false, P3M,  2025-06-01, true,  HELD",
        "P3M,  2025-06-01, false, -,    -,          false, UNTAGGED",
        "P3M,  not-a-date, false, P3M,  2025-06-01, false, UNTAGGED"})
    void of_whenBucketDisagreesWithTheCatalogue_keepsTheRecording(String retention1, String expires1, boolean lock1,
                                                                  String retention2, String expires2, boolean lock2, String expected) {
        Map<String, Map<String, String>> tags = Map.of("v1", tags(retention1, expires1), "v2", tags(retention2, expires2));
        Map<String, Boolean> locks = Map.of("v1", lock1, "v2", lock2);
        List<ObjectVersion> versions = List.of(version("v1"), version("v2"), new ObjectVersion("k", "dm", true));

        Recheck.Verdict verdict = Recheck.of(versions, v -> tags.get(v.versionId()), v -> locks.get(v.versionId()), TODAY);

        if (expected.equals("DELETE")) {
            assertThat(verdict).isEqualTo(new Recheck.Delete(versions, false));
        } else {
            assertThat(verdict).isInstanceOfSatisfying(Recheck.Keep.class, keep -> assertThat(keep.why()).hasToString(expected));
        }
    }

    @ParameterizedTest
    @CsvSource({"2025-07-01, NOT_YET_DUE, 2025-07-01", "-, UNTAGGED, 2025-06-30"})
    void of_whenKept_filesTheRecordingUnderTheDayToLookAgain(String expires, String why, LocalDate fileUnder) {
        Recheck.Verdict verdict = Recheck.of(List.of(version("v1")), v -> tags("P3M", expires), v -> false, TODAY);

        assertThat(verdict).isEqualTo(new Recheck.Keep(Recheck.Why.valueOf(why), fileUnder));
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void of_whenNoVersionIsLeft_deletesTheMarkersAndCallsItAlreadyGone(boolean markerLeft) {
        List<ObjectVersion> versions = markerLeft ? List.of(new ObjectVersion("k", "dm", true)) : List.of();

        assertThat(Recheck.of(versions, v -> Map.of(), v -> false, TODAY)).isEqualTo(new Recheck.Delete(versions, true));
    }

    private static ObjectVersion version(String id) {
        return new ObjectVersion("k", id, false);
    }

    private static Map<String, String> tags(String retention, String expires) {
        Map<String, String> tags = new HashMap<>();
        if (!retention.equals("-")) {
            tags.put("retention", retention);
        }
        if (!expires.equals("-")) {
            tags.put("expires", expires);
        }
        return tags;
    }
}
