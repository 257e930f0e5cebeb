package uk.callretention.local.runtime.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestRowsTest {
    private static final List<String> WITH_VERSIONS = List.of("Bucket", "Key", "VersionId");

    @Test
    void parse_keepsKeysUrlEncodedAsTheManifestGivesThem_andReadsAnEmptyVersionAsNone() {
        List<ManifestRows.Row> rows = ManifestRows.parse("recordings,rutland/call%200001%2B44.wav,v1\r\nrecordings,rutland/call-2.wav,\n", WITH_VERSIONS);

        assertThat(rows).containsExactly(new ManifestRows.Row("recordings", "rutland/call%200001%2B44.wav", "v1"),
                new ManifestRows.Row("recordings", "rutland/call-2.wav", null));
    }

    @Test
    void parse_readsTheColumnsTheJobsFieldsName_skippingIgnore() {
        assertThat(ManifestRows.parse("x,k.wav,recordings\n", List.of("Ignore", "Key", "Bucket")))
                .containsExactly(new ManifestRows.Row("recordings", "k.wav", null));
    }

    @Test
    void parse_whenARowHasTheWrongNumberOfFields_namesItsLine() {
        assertThatThrownBy(() -> ManifestRows.parse("recordings,a.wav,v1\nrecordings,b.wav\n", WITH_VERSIONS))
                .hasMessage("manifest line 2 has 2 fields where the job's Fields [Bucket, Key, VersionId] expect 3");
    }

    @Test
    void parse_whenAKeyIsNotUrlEncoded_namesItsLine() {
        assertThatThrownBy(() -> ManifestRows.parse("recordings,100%.wav,\n", WITH_VERSIONS)).hasMessageStartingWith("manifest line 1: the key is not URL-encoded");
    }

    @Test
    void parse_whenABlankLineIsInTheMiddle_namesItsLine() {
        assertThatThrownBy(() -> ManifestRows.parse("recordings,a.wav,\n\nrecordings,b.wav,\n", WITH_VERSIONS)).hasMessageStartingWith("manifest line 2 has 1 fields");
    }

    @Test
    void parse_whenAQuoteIsNotClosed_namesItsLine() {
        assertThatThrownBy(() -> ManifestRows.parse("recordings,\"a.wav,\n", WITH_VERSIONS)).hasMessage("manifest line 1 is not CSV: a quoted field is not closed");
    }
}
