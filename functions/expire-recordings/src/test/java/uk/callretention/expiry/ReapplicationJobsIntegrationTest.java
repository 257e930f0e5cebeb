package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.HoldRequest;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.TestLambdaContext;

/**
 * expire-recordings starting a policy re-application job and reporting on it: the manifest it writes to the stack's
 * batch-jobs bucket (moto), the CreateJob request it sends to S3 Control (a stub: moto runs no batch jobs), and the
 * summary it makes from a completion report written as S3 Batch Operations writes one.
 */
@ExtendWith(LocalAwsExtension.class)
class ReapplicationJobsIntegrationTest {

    static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);
    static final LocalDate RECENTLY = TODAY.minusDays(20);

    static LocalAws aws;
    static S3ControlStub s3Control;
    static Recordings recordings;
    static ExpireRecordingsHandler handler;
    static String jobsBucket;

    @BeforeAll
    static void stack() throws IOException {
        s3Control = new S3ControlStub();
        recordings = new Recordings(aws);
        Map<String, String> environment = new HashMap<>(aws.environmentOf(Recordings.FUNCTION));
        environment.put("AWS_ENDPOINT_URL_S3_CONTROL", s3Control.endpoint().toString());
        handler = new ExpireRecordingsHandler(environment);
        jobsBucket = aws.stack().bucketName("BatchJobsBucket");
    }

    @AfterAll
    static void stopStub() {
        s3Control.close();
    }

    @Test
    void reapplyPolicy_whenCouncilHasRecordings_writesTheManifestOfItsActiveAndHeldOnesAndCreatesTheJobOverIt() {
        CatalogueEntry active = recordings.catalogued(RecordingState.ACTIVE, "P1M", RECENTLY, RECENTLY.plusMonths(1), "rutland@0");
        CatalogueEntry awkward = recordings.catalogued("call 7 + été.wav", RecordingState.ACTIVE, "P1M", RECENTLY, RECENTLY.plusMonths(1), "rutland@0");
        CatalogueEntry held = recordings.catalogued(RecordingState.ACTIVE, "P1M", RECENTLY, RECENTLY.plusMonths(1), "rutland@0");
        recordings.repositories().holdService(PolicyBook.bundled(Map.of()), Clock.systemUTC())
                .place(new HoldRequest(held.recordingId(), "police", "CRIME-1", "dpo-1", TODAY.plusDays(30)), unaudited -> { });
        recordings.quarantined(TODAY.plusDays(10));
        otherCouncils(RECENTLY);

        Map<String, Object> started = handler.handleRequest(Map.of("mode", "reapply-policy", "council", "rutland", "dryRun", true), context());

        String runId = String.valueOf(started.get("runId"));
        assertThat(started).containsEntry("mode", "reapply-policy").containsEntry("dryRun", true)
                .containsEntry("rows", 3L).containsEntry("manifest", "s3://" + jobsBucket + "/manifests/" + runId + ".csv");
        String bucket = recordings.bucket();
        assertThat(manifest(runId)).containsExactlyInAnyOrder(
                bucket + "," + active.objectKey() + "," + active.versionId(),
                bucket + "," + awkward.objectKey().replace("call 7 + été.wav", "call%207%20%2B%20%C3%A9t%C3%A9.wav") + "," + awkward.versionId(),
                bucket + "," + held.objectKey() + "," + held.versionId());

        assertThat(String.valueOf(started.get("jobId"))).startsWith("created-");
        S3ControlStub.Request createJob = s3Control.requests().get(s3Control.requests().size() - 1);
        String eTag = aws.clients().s3().headObject(head -> head.bucket(jobsBucket).key("manifests/" + runId + ".csv")).eTag();
        assertThat(createJob.method() + " " + createJob.path()).isEqualTo("POST /v20180820/jobs");
        assertThat(createJob.host()).as("no account id before a local endpoint's host").startsWith("127.0.0.1:");
        assertThat(createJob.accountId()).isEqualTo(accountOf(functionArn()));
        assertThat(createJob.body())
                .contains("<ConfirmationRequired>false</ConfirmationRequired>")
                .contains("<ClientRequestToken>" + runId + "</ClientRequestToken>")
                .contains("<FunctionArn>" + functionArn() + "</FunctionArn>")
                .contains("<InvocationSchemaVersion>2.0</InvocationSchemaVersion>")
                .containsPattern("<entry><key>dryRun</key><value>true</value></entry>|<key>dryRun</key>\\s*<value>true</value>")
                .contains("<Format>S3BatchOperations_CSV_20180820</Format>")
                .contains("<ObjectArn>arn:aws:s3:::" + jobsBucket + "/manifests/" + runId + ".csv</ObjectArn>")
                .contains("<ETag>" + eTag.replace("\"", "") + "</ETag>")
                .contains("<Bucket>arn:aws:s3:::" + jobsBucket + "</Bucket>")
                .contains("<Prefix>reports/" + runId + "</Prefix>")
                .contains("<Format>Report_CSV_20180820</Format>")
                .contains("<ReportScope>AllTasks</ReportScope>")
                .contains("<RoleArn>" + aws.environmentOf(Recordings.FUNCTION).get("BATCH_JOB_ROLE_ARN") + "</RoleArn>");

        List<String[]> rows = manifest(runId).stream().map(row -> row.split(",", -1)).toList();
        S3BatchResponse perObject = new ReapplyPolicyHandler(aws.environmentOf("ReapplyPolicyFunction")).handleRequest(BatchTasks.event(runId, true,
                bucket, rows.stream().map(row -> row[1]).toList(), rows.stream().map(row -> row[2]).toList()), TestLambdaContext.of("ReapplyPolicyFunction"));
        assertThat(perObject.getResults()).as("each row names its recording").extracting(S3BatchResponse.Result::getResultString).containsOnly("later");
    }

    @Test
    void reapplyReport_whenTheJobRuns_givesItsProgressThenTheSummaryOfItsCompletionReport() {
        String runId = "reapply-report-test";
        s3Control.describe("job-7", "Active", runId, false, 7, 2, 0);

        Map<String, Object> running = handler.handleRequest(Map.of("mode", "reapply-report", "jobId", "job-7"), context());

        assertThat(running).containsEntry("status", "Active").containsEntry("complete", false).containsEntry("tasks", 7L)
                .containsEntry("succeeded", 2L).containsEntry("runId", runId);

        String prefix = "reports/" + runId + "/job-job-7/";
        String b = recordings.bucket();
        put(prefix + "results/0a1b2c.csv", String.join("\n",
                b + ",rutland/customer-services/phone/2026/11/10/call-1.wav,v1,succeeded,200,,\"later,applied\"",
                b + ",rutland/customer-services/phone/2026/11/10/call%202.wav,v2,succeeded,200,,\"earlier,now-due,applied\"",
                b + ",rutland/customer-services/phone/2026/11/10/call-3.wav,v3,succeeded,200,,unchanged",
                b + ",rutland/customer-services/phone/2026/11/10/call-4.wav,v4,succeeded,200,,\"policy-only,applied\"",
                b + ",rutland/customer-services/phone/2026/11/10/call-5.wav,v5,succeeded,200,,unclassifiable",
                b + ",rutland/customer-services/phone/2026/11/10/call-6.wav,v6,succeeded,200,,not-active") + "\n");
        put(prefix + "results/3d4e5f.csv", b + ",rutland/customer-services/phone/2026/11/10/call-7.wav,v7,failed,200,PermanentFailure,"
                + "\"Lambda returned function error: {\"\"errorMessage\"\":\"\"Task timed out after 30.00 seconds\"\"}\"\n");
        put(prefix + "manifest.json", """
                {"Format":"Report_CSV_20180820","ReportCreationDate":"2026-12-02T02:48:39.725Z","Results":[
                 {"TaskExecutionStatus":"succeeded","Bucket":"%1$s","MD5Checksum":"83b1c4cbe93fc893f54053697e10fd6e","Key":"%2$sresults/0a1b2c.csv"},
                 {"TaskExecutionStatus":"failed","Bucket":"%1$s","MD5Checksum":"22ee037f3515975f7719699e5c416eaa","Key":"%2$sresults/3d4e5f.csv"}],
                 "ReportSchema":"Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"}
                """.formatted(jobsBucket, prefix));
        s3Control.describe("job-7", "Complete", runId, false, 7, 6, 1);

        Map<String, Object> summary = handler.handleRequest(Map.of("mode", "reapply-report", "jobId", "job-7"), context());

        assertThat(summary).containsEntry("mode", "reapply-report").containsEntry("runId", runId).containsEntry("dryRun", false)
                .containsEntry("complete", true).containsEntry("examined", 5).containsEntry("earlier", 1).containsEntry("later", 1)
                .containsEntry("policyOnly", 1).containsEntry("nowDue", 1).containsEntry("unclassifiable", 1).containsEntry("applied", 3)
                .containsEntry("skipped", 1).containsEntry("failed", 1);
    }

    @Test
    void reapplyPolicy_whenTheCouncilHasNoRecordings_startsNoJob() {
        int requests = s3Control.requests().size();

        Map<String, Object> started = handler.handleRequest(Map.of("mode", "reapply-policy", "council", "newark-sherwood", "dryRun", true), context());

        assertThat(started).containsEntry("rows", 0L).containsEntry("jobId", null).containsEntry("manifest", null);
        assertThat(s3Control.requests()).hasSize(requests);
    }

    @Test
    void reapplyReport_whenNoSuchJob_answersWithAnErrorCode() {
        assertThat(handler.handleRequest(Map.of("mode", "reapply-report", "jobId", "no-such-job"), context())).containsEntry("error", "unknown-job");
    }

    private static List<String> manifest(String runId) {
        return List.of(aws.clients().s3().getObjectAsBytes(get -> get.bucket(jobsBucket).key("manifests/" + runId + ".csv"))
                .asString(StandardCharsets.UTF_8).split("\n"));
    }

    private static void put(String key, String text) {
        S3Client s3 = aws.clients().s3();
        s3.putObject(put -> put.bucket(jobsBucket).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    /** A South Hams contact-centre recording, catalogued: no Rutland job may name it. */
    private static void otherCouncils(LocalDate recordedOn) {
        String key = "south-hams/contact-centre/phone/" + recordedOn.toString().replace('-', '/') + "/call-1.wav";
        new DynamoDbCatalogue(aws.clients().dynamoDb(), aws.stack().tableName("CatalogueTable")).recordUnlessNewer(forKey(key)
                .versionId("v1").ordering("t1").state(RecordingState.ACTIVE).council("south-hams").team("contact-centre").channel("phone").recordedAt(recordedOn.atTime(9, 0).atZone(RetentionSchedule.UK).toInstant()).recordedOn(recordedOn)
                .retentionClass("P3M").expiresOn(recordedOn.plusMonths(3)).policyRef("south-hams@1").callerHash("caller-hash-2")
                .agent("agent-2").direction("inbound").contentType("audio/wav").sizeBytes(12)
                .cataloguedAt(recordedOn.atTime(9, 5).atZone(RetentionSchedule.UK).toInstant()).build());
    }

    private static String functionArn() {
        return aws.environmentOf(Recordings.FUNCTION).get("REAPPLY_FUNCTION_ARN");
    }

    private static String accountOf(String arn) {
        return arn.split(":")[4];
    }

    private static TestLambdaContext context() {
        return TestLambdaContext.withRemaining(Recordings.FUNCTION, 600_000);
    }
}
