package uk.callretention.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The manifest's key encoding and the completion report's CSV, in the formats S3 Batch Operations uses. */
class S3BatchJobsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rutland/customer-services/phone/2026/11/12/call-1.wav | rutland/customer-services/phone/2026/11/12/call-1.wav",
            "a/call 1.wav | a/call%201.wav",
            "a/call+44.wav | a/call%2B44.wav",
            "a/été,日本.wav | a/%C3%A9t%C3%A9%2C%E6%97%A5%E6%9C%AC.wav",
            "a/50%\"quoted\".wav | a/50%25%22quoted%22.wav"})
    void encodeKey_whenKeyHasAwkwardCharacters_encodesThemSoDecodingGivesTheKeyBack(String key, String encoded) {
        assertThat(S3BatchJobs.encodeKey(key)).isEqualTo(encoded);
        assertThat(S3BatchJobs.decodeKey(encoded)).isEqualTo(key);
    }

    @Test
    void decodeKey_whenS3FormEncodedASpace_readsThePlusAsASpace() {
        assertThat(S3BatchJobs.decodeKey("a/call+1%2B2.wav")).isEqualTo("a/call 1+2.wav");
    }

    @Test
    void csvRows_whenFieldsAreQuotedAsS3WritesThem_givesEachField() throws IOException {
        String report = "b,k1,v1,succeeded,200,,\"earlier,now-due,applied\"\r\n"
                + "b,k2,,failed,200,PermanentFailure,\"Lambda returned function error: {\"\"errorMessage\"\":\"\"a\nb\"\"}\"\n"
                + "b,k3,v3,succeeded,200,,unchanged";
        List<List<String>> rows = new ArrayList<>();

        S3BatchJobs.csvRows(new StringReader(report), rows::add);

        assertThat(rows).containsExactly(
                List.of("b", "k1", "v1", "succeeded", "200", "", "earlier,now-due,applied"),
                List.of("b", "k2", "", "failed", "200", "PermanentFailure", "Lambda returned function error: {\"errorMessage\":\"a\nb\"}"),
                List.of("b", "k3", "v3", "succeeded", "200", "", "unchanged"));
    }

    @Test
    void manifestRow_whenVersioned_givesBucketEncodedKeyAndVersion() {
        assertThat(S3BatchJobs.manifestRow("recordings", "a/call 1.wav", "3HL4kq")).isEqualTo("recordings,a/call%201.wav,3HL4kq");
    }
}
