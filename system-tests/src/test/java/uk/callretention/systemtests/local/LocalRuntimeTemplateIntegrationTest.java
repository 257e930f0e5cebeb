package uk.callretention.systemtests.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.callretention.systemtests.local.TestRuntimes.eventually;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Tag;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Template;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** The project's own template.yaml, run with the function jars mvn package built: an upload gets tagged. */
@ExtendWith(LocalAwsExtension.class)
class LocalRuntimeTemplateIntegrationTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");

    private LocalAws aws;

    @Test
    void upload_whenTheProjectTemplateRuns_theTaggerTagsTheRecording() {
        List<Path> unbuilt = Template.load(TEMPLATE).functions().values().stream().map(FunctionDefinition::codeUri).filter(Files::notExists).toList();
        assumeTrue(unbuilt.isEmpty(), "skipped: function jars not built yet (run mvn package): " + unbuilt);

        try (LocalRuntime runtime = new LocalRuntime(TestRuntimes.options(TEMPLATE, aws)).start()) {
            String bucket = runtime.stack().bucketName("RecordingsBucket");
            String key = "rutland/customer-services/phone/2025/11/25/call-0001.wav";
            aws.clients().s3().putObject(put -> put.bucket(bucket).key(key).metadata(Map.of("recorded-at", "2025-11-25T10:15:00Z")),
                    RequestBody.fromBytes(silentWav()));

            List<Tag> tags = eventually(Duration.ofSeconds(15), "tags on " + key, () -> {
                List<Tag> found = aws.clients().s3().getObjectTagging(get -> get.bucket(bucket).key(key)).tagSet();
                return found.isEmpty() ? Optional.empty() : Optional.of(found);
            });

            assertThat(tags).extracting(Tag::key).isNotEmpty();
        }
    }

    @Test
    void upload_whenItCarriesTheCallersNumber_keepsNoVersionWithItAndTheCleanUpFindsNothingLeft() throws Exception {
        List<Path> unbuilt = Template.load(TEMPLATE).functions().values().stream().map(FunctionDefinition::codeUri).filter(Files::notExists).toList();
        assumeTrue(unbuilt.isEmpty(), "skipped: function jars not built yet (run mvn package): " + unbuilt);

        try (LocalRuntime runtime = new LocalRuntime(TestRuntimes.options(TEMPLATE, aws)).start()) {
            String bucket = runtime.stack().bucketName("RecordingsBucket");
            String key = "rutland/customer-services/phone/2025/11/25/call-0002.wav";
            aws.clients().s3().putObject(put -> put.bucket(bucket).key(key)
                    .metadata(Map.of("recorded-at", "2025-11-25T10:15:00Z", "caller", "01572 722577")), RequestBody.fromBytes(silentWav()));

            Map<String, String> metadata = eventually(Duration.ofSeconds(15), "one version of " + key + " without the caller", () -> {
                List<ObjectVersion> versions = aws.clients().s3().listObjectVersions(list -> list.bucket(bucket).prefix(key)).versions();
                if (versions.size() != 1) {
                    return Optional.empty();
                }
                Map<String, String> found = aws.clients().s3().headObject(head -> head.bucket(bucket).key(key).versionId(versions.get(0).versionId())).metadata();
                return found.containsKey("caller") ? Optional.empty() : Optional.of(found);
            });
            assertThat(metadata).containsKey("recorded-at");

            HttpResponse<String> cleanUp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(runtime.apiEndpoint() + "/_local/functions/ScrubMetadataFunction/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cleanUp.statusCode()).isEqualTo(200);
            assertThat(cleanUp.body()).contains("\"wouldScrub\":0").contains("\"complete\":true").doesNotContain("722577");
        }
    }

    @Test
    void reconciliationSchedule_whenRunOnDemand_reconcilesTheRecentDaysAndAnswersWithCounts() throws Exception {
        List<Path> unbuilt = Template.load(TEMPLATE).functions().values().stream().map(FunctionDefinition::codeUri).filter(Files::notExists).toList();
        assumeTrue(unbuilt.isEmpty(), "skipped: function jars not built yet (run mvn package): " + unbuilt);

        try (LocalRuntime runtime = new LocalRuntime(TestRuntimes.options(TEMPLATE, aws)).start()) {
            HttpResponse<String> dryRun = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(runtime.apiEndpoint() + "/_local/schedules/ReconcileRecordingsFunction/DailyReconciliation"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(dryRun.statusCode()).isEqualTo(200);
            assertThat(dryRun.body()).contains("\"complete\":true").contains("\"dryRun\":true").contains("\"prefixesListed\":27");
        }
    }

    /** A valid WAV header over a second of silence: 8 kHz, 16-bit mono. */
    private static byte[] silentWav() {
        int samples = 8000;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(samples * 2);
        return wav.array();
    }
}
