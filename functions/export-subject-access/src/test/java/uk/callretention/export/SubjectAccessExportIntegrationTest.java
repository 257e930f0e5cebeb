package uk.callretention.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import uk.callretention.access.SubjectAccessExportBuilder;
import uk.callretention.access.SubjectAccessExportExpiry;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbHolds;
import uk.callretention.aws.DynamoDbSubjectAccessExports;
import uk.callretention.aws.S3SubjectAccessExportFiles;
import uk.callretention.http.ApiEvents;
import uk.callretention.policy.HoldReason;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.Upload;
import uk.callretention.retention.Hold;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.MovableClock;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;
import uk.callretention.testsupport.Zips;

/**
 * Subject access exports through the functions' own wiring, the real SDK and the stack's own queue, bucket and tables:
 * asked for over the API's event, built from the queue's message, downloaded by the link, expired by the sweep.
 */
@ExtendWith(LocalAwsExtension.class)
class SubjectAccessExportIntegrationTest {

    private static final String CALLER = "01572 722577";
    private static final String OTHER_CALLER = "01572 000111";
    private static final String DPO = "[rutland:*:dpo]";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong SEQUENCER = new AtomicLong(0x7000_0000_0000L);

    static LocalAws aws;
    private static final MovableClock CLOCK = new MovableClock();
    private static Map<String, String> apiEnvironment;
    private static Map<String, String> builderEnvironment;
    private static SubjectAccessExportHandler api;
    private static BuildExportHandler builder;
    private static DynamoDbAuditLog audit;
    private static Uploads uploads;

    @BeforeAll
    static void wire() {
        apiEnvironment = aws.environmentOf("SubjectAccessExportFunction");
        builderEnvironment = aws.environmentOf("BuildExportFunction");
        api = new SubjectAccessExportHandler(ExportFactory.api(apiEnvironment, System.out, CLOCK));
        builder = new BuildExportHandler(ExportFactory.builder(builderEnvironment, System.out, CLOCK, Path.of("target")));
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), apiEnvironment.get("AUDIT_TABLE"));
        uploads = new Uploads(aws);
    }

    @Test
    void export_listsExactlyTheCallersRecordingsInRange_withTheirBytesHistoryAndHolds_andExpiresAfter7Days() throws Exception {
        String day = "2026/03/14";
        byte[] firstAudio = wav("first");
        CatalogueEntry first = recording("rutland/customer-services/phone/" + day + "/first-" + UUID.randomUUID() + ".wav", CALLER, firstAudio);
        byte[] secondAudio = wav("second");
        CatalogueEntry second = recording("rutland/customer-services/phone/" + day + "/second-" + UUID.randomUUID() + ".wav", CALLER, secondAudio);
        CatalogueEntry outOfRange = recording("rutland/customer-services/phone/2026/01/05/early-" + UUID.randomUUID() + ".wav", CALLER, wav("early"));
        CatalogueEntry otherCaller = recording("rutland/customer-services/phone/" + day + "/other-" + UUID.randomUUID() + ".wav", OTHER_CALLER, wav("other"));
        CatalogueEntry otherCouncil = recording("rotherham/contact-centre/phone/" + day + "/roth-" + UUID.randomUUID() + ".wav", CALLER, wav("roth"));
        audit.record(new AuditEvent(UUID.randomUUID().toString(), Instant.parse("2026-03-20T12:30:00Z"), second.recordingId(), second.versionId(),
                AuditAction.PLAYBACK_URL_ISSUED, "sub-jane-smith", "rutland", "complaint", "CMP-1", "allowed",
                Map.of("actorName", "jane.smith", "standing", "manager")));
        new DynamoDbHolds(aws.clients().dynamoDb(), builderEnvironment.get("HOLDS_TABLE")).add(new Hold(second.recordingId(), "hold-" + UUID.randomUUID(),
                "rutland", HoldReason.SUBJECT_ACCESS, "SAR-77", "sub-jane-smith", Instant.parse("2026-03-21T09:00:00Z"), LocalDate.parse("2026-06-01"),
                null, null, Hold.Status.ACTIVE));

        Map<String, Object> asked = json(request("POST", "/subject-access/exports", Map.of(), DPO,
                "{\"phone\":\"" + CALLER + "\",\"from\":\"2026-03-01\",\"to\":\"2026-03-31\",\"reference\":\"SAR-2026-014\"}"), 202);
        String exportId = asked.get("exportId").toString();
        assertThat(asked).containsEntry("state", "building").containsEntry("recordings", 2);
        assertThat(status(exportId, DPO)).containsEntry("state", "building").doesNotContainKey("download");

        assertThat(buildQueued()).isEqualTo(1);

        Map<String, Object> ready = status(exportId, DPO);
        assertThat(ready).containsEntry("state", "ready").containsEntry("council", "rutland");
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) ready.get("download");
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(download.get("url").toString())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("content-type")).hasValue("application/zip");
        // moto ignores a link's response headers (S3 honours them): the link asks for the zip to be saved as a file.
        assertThat(URI.create(download.get("url").toString()).getQuery())
                .contains("response-content-disposition=attachment; filename=\"subject-access-" + exportId + ".zip\"")
                .contains("response-content-type=application/zip");

        Map<String, byte[]> files = Zips.entries(zip.body());
        String manifestText = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
        Map<String, Object> manifest = JSON.std.mapFrom(manifestText);
        List<Map<String, Object>> recordings = list(manifest.get("recordings"));
        assertThat(recordings).extracting(r -> r.get("recordingId")).containsExactlyInAnyOrder(first.recordingId(), second.recordingId())
                .doesNotContain(outOfRange.recordingId(), otherCaller.recordingId(), otherCouncil.recordingId());
        assertThat(files.get("recordings/" + first.recordingId() + ".wav")).isEqualTo(firstAudio);
        assertThat(files.get("recordings/" + second.recordingId() + ".wav")).isEqualTo(secondAudio);
        Map<String, Object> secondListed = recordings.stream().filter(r -> r.get("recordingId").equals(second.recordingId())).findFirst().orElseThrow();
        assertThat(secondListed).containsEntry("team", "customer-services").containsEntry("channel", "phone")
                .containsEntry("file", "recordings/" + second.recordingId() + ".wav").containsKeys("recordedAt", "retentionClass", "expiresOn");
        assertThat(list(secondListed.get("holds"))).singleElement().satisfies(hold -> assertThat(hold)
                .containsEntry("reason", "subject-access").containsEntry("placedAt", "2026-03-21T09:00Z").containsEntry("reviewOn", "2026-06-01"));
        assertThat(list(secondListed.get("accesses"))).anySatisfy(access -> assertThat(access)
                .containsEntry("at", "2026-03-20T12:30Z").containsEntry("action", "playback-url-issued")
                .containsEntry("purpose", "complaint").containsEntry("role", "manager"));
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = (Map<String, Object>) manifest.get("export");
        assertThat(facts).containsEntry("council", "rutland").containsEntry("from", "2026-03-01").containsEntry("to", "2026-03-31")
                .containsEntry("recordings", 2).containsKeys("madeAt", "askedAt");
        assertThat(manifestText).doesNotContain(CALLER, CALLER.replace(" ", ""), "sub-jane-smith", "jane.smith", first.callerHash(), "callerHash", "objectKey");

        assertThat(audit.trailOf(first.recordingId())).anySatisfy(event -> assertThat(event)
                .returns(AuditAction.SUBJECT_ACCESS_EXPORTED, AuditEvent::action).returns("allowed", AuditEvent::outcome));
        assertThat(audit.trailOf("export:" + exportId)).extracting(AuditEvent::action)
                .contains(AuditAction.SUBJECT_ACCESS_EXPORT_REQUESTED, AuditAction.SUBJECT_ACCESS_EXPORTED, AuditAction.RELEASE_URL_ISSUED);
        assertThat(audit.trailOf("export:" + exportId)).filteredOn(event -> event.action() == AuditAction.RELEASE_URL_ISSUED)
                .allSatisfy(event -> assertThat(event.details()).containsEntry("recipient", "data-subject"));
        assertThat(JSON.std.asString(audit.trailOf("export:" + exportId))).doesNotContain(CALLER, first.callerHash());

        try {
            CLOCK.moveAhead(Duration.ofDays(7).minusMinutes(1));
            assertThat(expiry().expireDue()).as("not yet 7 days").isZero();
            CLOCK.moveAhead(Duration.ofDays(7).plusSeconds(1));
            assertThat(status(exportId, DPO)).containsEntry("state", "expired").doesNotContainKey("download");
            assertThat(expiry().expireDue()).as("this export and any other asked for in this class").isPositive();
            assertThat(aws.clients().s3().listObjectsV2(b -> b.bucket(apiEnvironment.get("EXPORTS_BUCKET")).prefix("exports/rutland/" + exportId))
                    .contents()).isEmpty();
            assertThat(status(exportId, DPO)).containsEntry("state", "expired").doesNotContainKey("download");
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(download.get("url").toString())).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("the old link finds nothing").isNotEqualTo(200);
        } finally {
            CLOCK.reset();
        }
    }

    @Test
    void build_whenARecordingCannotBeRead_leavesTheExportFailedAndNoZip() throws Exception {
        recording("rutland/customer-services/phone/2026/04/02/fail-" + UUID.randomUUID() + ".wav", CALLER, wav("fail"));
        String exportId = json(request("POST", "/subject-access/exports", Map.of(), DPO,
                "{\"phone\":\"" + CALLER + "\",\"from\":\"2026-04-02\",\"to\":\"2026-04-02\",\"reference\":\"SAR-FAIL\"}"), 202).get("exportId").toString();
        drainQueue();
        SubjectAccessExportBuilder failing = new SubjectAccessExportBuilder(
                new DynamoDbCatalogue(aws.clients().dynamoDb(), builderEnvironment.get("CATALOGUE_TABLE")),
                new DynamoDbHolds(aws.clients().dynamoDb(), builderEnvironment.get("HOLDS_TABLE")),
                entry -> new FailingAfter(entry.sizeBytes() / 2), exports(), files(), audit, CLOCK, Path.of("target"));

        assertThat(failing.build(exportId)).hasValueSatisfying(export -> assertThat(export.state().id()).isEqualTo("failed"));

        Map<String, Object> failed = status(exportId, DPO);
        assertThat(failed).containsEntry("state", "failed").doesNotContainKey("download");
        assertThat(failed.get("reason").toString()).contains("could not be built");
        assertThat(aws.clients().s3().listObjectsV2(b -> b.bucket(apiEnvironment.get("EXPORTS_BUCKET")).prefix("exports/rutland/" + exportId))
                .contents()).isEmpty();
        assertThat(failing.build(exportId)).as("a failed export is not built again").isEmpty();
    }

    @Test
    void exports_areTheDposOfTheirCouncilAlone() throws Exception {
        String body = "{\"phone\":\"" + CALLER + "\",\"from\":\"2026-05-01\",\"to\":\"2026-05-02\",\"reference\":\"SAR-AUTH\"}";
        String exportId = json(request("POST", "/subject-access/exports", Map.of(), DPO, body), 202).get("exportId").toString();
        drainQueue();

        assertThat(refusal(request("POST", "/subject-access/exports", Map.of(), "[rutland:customer-services:manager]", body))).isEqualTo("403 not-permitted");
        assertThat(refusal(request("POST", "/subject-access/exports", Map.of(), "[rutland:customer-services:staff]", body))).isEqualTo("403 not-permitted");
        assertThat(refusal(request("POST", "/subject-access/exports", Map.of(), "[rotherham:*:dpo]",
                body.replace("{", "{\"council\":\"rutland\",")))).isEqualTo("403 not-permitted");
        assertThat(refusal(request("GET", "/subject-access/exports/{exportId}", Map.of("exportId", exportId), "[rutland:customer-services:manager]", null)))
                .isEqualTo("403 not-permitted");
        assertThat(refusal(request("GET", "/subject-access/exports/{exportId}", Map.of("exportId", exportId), "[rotherham:*:dpo]", null)))
                .isEqualTo("404 not-found");
        assertThat(refusal(request("GET", "/subject-access/exports/{exportId}", Map.of("exportId", UUID.randomUUID().toString()), DPO, null)))
                .isEqualTo("404 not-found");
        assertThat(refusal(request("GET", "/subject-access/exports/{exportId}", Map.of("exportId", "../rec-1"), DPO, null))).isEqualTo("404 not-found");
        assertThat(audit.trailOf("export:" + exportId)).filteredOn(event -> event.action() == AuditAction.SUBJECT_ACCESS_EXPORT_VIEWED)
                .extracting(AuditEvent::outcome).contains("not-permitted", "not-found");

        assertThat(refusal(request("POST", "/subject-access/exports", Map.of(), DPO, body.replace(CALLER, "not a number")))).isEqualTo("400 bad-request");
        assertThat(refusal(request("POST", "/subject-access/exports", Map.of(), DPO, body.replace("2026-05-02", "2026-04-30")))).isEqualTo("400 bad-request");
        assertThat(refusal(request("POST", "/subject-access/exports", Map.of(), DPO, body.replace("2026-05-02", "2026-02-30")))).isEqualTo("400 bad-request");
        assertThat(refusal(request("POST", "/subject-access/exports", Map.of(), DPO, body.replace(",\"reference\":\"SAR-AUTH\"", "")))).isEqualTo("400 bad-request");
    }

    private static SubjectAccessExportExpiry expiry() {
        return new SubjectAccessExportExpiry(exports(), files(), audit, CLOCK, "system:expire-recordings");
    }

    private static DynamoDbSubjectAccessExports exports() {
        return new DynamoDbSubjectAccessExports(aws.clients().dynamoDb(), builderEnvironment.get("EXPORTS_TABLE"));
    }

    private static S3SubjectAccessExportFiles files() {
        return new S3SubjectAccessExportFiles(aws.clients().s3(), null, builderEnvironment.get("EXPORTS_BUCKET"));
    }

    /** Uploads the audio with the caller's number, as the platform does, and tags it, as the tagger does. */
    private static CatalogueEntry recording(String key, String caller, byte[] audio) {
        String[] date = key.split("/");
        String recordedAt = date[3] + "-" + date[4] + "-" + date[5] + "T10:00:00Z";
        String bucket = builderEnvironment.get("RECORDINGS_BUCKET");
        String versionId = aws.clients().s3().putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("recorded-at", recordedAt, "caller", caller)),
                RequestBody.fromBytes(audio)).versionId();
        return uploads.tag(new Upload(bucket, key, Optional.of(versionId), Optional.of(String.format("%018X", SEQUENCER.incrementAndGet()))));
    }

    /** A WAV header with a tail of its own, so each recording's bytes differ. */
    private static byte[] wav(String tail) {
        byte[] header = Uploads.WAV;
        byte[] body = (tail + "-" + UUID.randomUUID()).repeat(50).getBytes(StandardCharsets.US_ASCII);
        byte[] wav = new byte[header.length + body.length];
        System.arraycopy(header, 0, wav, 0, header.length);
        System.arraycopy(body, 0, wav, header.length, body.length);
        return wav;
    }

    /** Delivers the queue's messages to the builder, as the SQS event source does; how many it built. */
    private static int buildQueued() {
        int built = 0;
        for (SQSEvent.SQSMessage message : received()) {
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(message));
            assertThat(builder.handleRequest(event, TestLambdaContext.of("BuildExportFunction")).getBatchItemFailures()).isEmpty();
            built++;
        }
        return built;
    }

    private static void drainQueue() {
        received();
    }

    private static List<SQSEvent.SQSMessage> received() {
        String queueUrl = apiEnvironment.get("EXPORTS_QUEUE_URL");
        return aws.clients().sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                .map(received -> {
                    aws.clients().sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(received.receiptHandle()));
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId(received.messageId());
                    message.setBody(received.body());
                    return message;
                }).toList();
    }

    private static Map<String, Object> status(String exportId, String groups) throws IOException {
        return json(request("GET", "/subject-access/exports/{exportId}", Map.of("exportId", exportId), groups, null), 200);
    }

    /** The API's event for the route, as API Gateway sends it with the JWT authorizer's claims. */
    private static APIGatewayV2HTTPResponse request(String method, String path, Map<String, String> pathParameters, String groups, String body) {
        APIGatewayV2HTTPEvent event = ApiEvents.signedIn(method + " " + path,
                Map.of("sub", "sub-" + groups.hashCode(), "username", "someone", "cognito:groups", groups), UUID.randomUUID().toString());
        event.setPathParameters(pathParameters);
        event.setBody(body);
        return api.handleRequest(event, TestLambdaContext.of("SubjectAccessExportFunction"));
    }

    private static Map<String, Object> json(APIGatewayV2HTTPResponse response, int status) throws IOException {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        return JSON.std.mapFrom(response.getBody());
    }

    private static String refusal(APIGatewayV2HTTPResponse response) throws IOException {
        return response.getStatusCode() + " " + JSON.std.mapFrom(response.getBody()).get("error");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** A recording's stream that breaks part way, as a connection reset would. */
    private static final class FailingAfter extends InputStream {
        private long left;

        FailingAfter(long bytes) {
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            if (left-- <= 0) {
                throw new IOException("connection reset");
            }
            return 'x';
        }
    }
}
