package uk.callretention.system.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import uk.callretention.local.runtime.auth.JwtAuthorizer;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.Zips;

/**
 * A subject access export over real HTTP: the stack's API and JWT authorizer, the upload reaching the tagger through
 * S3's notification, the export built by BuildExportFunction from the stack's queue as the local runtime's SQS event
 * source delivers it, and the zip downloaded by the link the API gives.
 */
@ExtendWith(LocalAwsExtension.class)
class SubjectAccessExportApiIntegrationTest {

    private static final String CALLER = "01572 700123";

    private static LocalAws aws;
    private static ApiStack api;

    @BeforeAll
    static void startApi() {
        api = ApiStack.start(aws, new JwtAuthorizer(aws.endpoint(), Clock.systemUTC()));
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void export_isBuiltFromTheQueue_andItsLinkDownloadsTheCallersRecordings_forTheDpoAlone() throws Exception {
        LocalDate yesterday = LocalDate.now(RetentionSchedule.UK).minusDays(1);
        String key = "rutland/customer-services/phone/" + yesterday.format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/sar-" + UUID.randomUUID() + ".wav";
        byte[] audio = ApiStack.AUDIO.clone();
        audio[audio.length - 2] = 0x33;
        aws.clients().s3().putObject(b -> b.bucket(api.runtime.stack().bucketName("RecordingsBucket")).key(key).metadata(Map.of("caller", CALLER)),
                RequestBody.fromBytes(audio));
        CatalogueEntry recording = api.awaitCatalogued(RecordingId.forKey(key));
        String dpo = api.token("export-dpo", "rutland:*:dpo");

        HttpResponse<String> asked = api.post("/subject-access/exports", dpo,
                "{\"phone\":\"" + CALLER + "\",\"from\":\"" + yesterday + "\",\"to\":\"" + yesterday + "\",\"reference\":\"SAR-HTTP-1\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        Map<String, Object> building = ApiStack.json(asked);
        assertThat(building).containsEntry("state", "building").containsEntry("recordings", 1);
        String path = "/subject-access/exports/" + building.get("exportId");

        Map<String, Object> ready = awaitBuilt(path, dpo);
        assertThat(ready).containsEntry("state", "ready");
        @SuppressWarnings("unchecked")
        String link = ((Map<String, Object>) ready.get("download")).get("url").toString();
        HttpResponse<byte[]> zip = ApiStack.HTTP.send(HttpRequest.newBuilder(URI.create(link)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = Zips.entries(zip.body());
        assertThat(files.get("recordings/" + recording.recordingId() + ".wav")).isEqualTo(audio);
        String manifest = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains(recording.recordingId()).doesNotContain(CALLER, recording.callerHash(), "export-dpo");

        assertThat(api.get(path, api.token("export-manager", "rutland:customer-services:manager")).statusCode()).isEqualTo(403);
        assertThat(api.get(path, api.token("export-other-dpo", "rotherham:*:dpo")).statusCode()).isEqualTo(404);
        assertThat(api.post("/subject-access/exports", api.token("export-staff", "rutland:customer-services:staff"),
                "{\"phone\":\"" + CALLER + "\",\"reference\":\"SAR-HTTP-2\"}").statusCode()).isEqualTo(403);
    }

    /** The build runs when the local runtime's event source delivers the queue's message: asked again until it says. */
    private static Map<String, Object> awaitBuilt(String path, String token) throws Exception {
        for (int tries = 0; tries < 200; tries++) {
            Map<String, Object> status = ApiStack.json(api.get(path, token));
            if (!"building".equals(status.get("state"))) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export was not built within 20 seconds");
    }
}
