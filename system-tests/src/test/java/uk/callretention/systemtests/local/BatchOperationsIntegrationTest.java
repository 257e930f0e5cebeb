package uk.callretention.systemtests.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.callretention.systemtests.local.TestRuntimes.eventually;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.BadRequestException;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobListDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.NotFoundException;
import uk.callretention.local.runtime.Json;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * S3 Batch Operations jobs through the local S3 Control endpoint, driven by the SDK's own s3control client: the
 * function gets each manifest row as S3 invokes it, and the completion report lands in S3 as AWS writes it.
 */
@ExtendWith(LocalAwsExtension.class)
class BatchOperationsIntegrationTest {
    private static final String ACCOUNT = "123456789012";
    private static LocalAws aws;
    private static BatchJobsStack stack;
    private static S3ControlClient s3Control;

    @BeforeAll
    static void startRuntime() {
        stack = BatchJobsStack.start(aws);
        s3Control = stack.s3Control();
    }

    @AfterAll
    static void stopRuntime() {
        stack.close();
    }

    @Test
    void job_runsEveryRowThroughTheFunction_andWritesTheCompletionReportAsAwsDoes() {
        String manifestKey = manifest("""
                %1$s,calls/first%%20call.wav
                %1$s,calls/second%%2Ccall.wav
                %1$s,calls/permanent.wav
                """.formatted(bucket()));

        String jobId = s3Control.createJob(job(manifestKey, etag(manifestKey), Map.of("dryRun", "true", "runId", "r1"))).jobId();
        JobDescriptor job = awaitEnd(jobId);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        assertThat(job.progressSummary().totalNumberOfTasks()).isEqualTo(3);
        assertThat(job.progressSummary().numberOfTasksSucceeded()).isEqualTo(2);
        assertThat(job.progressSummary().numberOfTasksFailed()).isEqualTo(1);
        assertThat(job.operation().lambdaInvoke().userArguments()).containsEntry("runId", "r1");
        Map<String, Object> report = reportManifest("reports/r1/job-" + jobId + "/manifest.json");
        assertThat(report).containsEntry("Format", "Report_CSV_20180820")
                .containsEntry("ReportSchema", "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage");
        assertThat(resultRows(report, "succeeded")).containsExactly(
                bucket() + ",calls/first%20call.wav,,succeeded,200,,\"schema 2.0, job " + jobId + ", bucket " + bucket()
                        + ", key calls/first%20call.wav, version null, arguments {dryRun=true, runId=r1}, attempt 1\"",
                bucket() + ",calls/second%2Ccall.wav,,succeeded,200,,\"schema 2.0, job " + jobId + ", bucket " + bucket()
                        + ", key calls/second%2Ccall.wav, version null, arguments {dryRun=true, runId=r1}, attempt 1\"");
        assertThat(resultRows(report, "failed")).containsExactly(bucket() + ",calls/permanent.wav,,failed,200,PermanentFailure,not allowed");
    }

    @Test
    void job_whenTheFunctionAnswersTemporaryFailure_triesTheTaskAgainThenGivesUp() {
        String manifestKey = manifest(bucket() + ",calls/temporary-twice.wav\n" + bucket() + ",calls/always-temporary.wav\n");

        String jobId = s3Control.createJob(job(manifestKey, etag(manifestKey), Map.of())).jobId();
        JobDescriptor job = awaitEnd(jobId);

        Map<String, Object> report = reportManifest("reports/r1/job-" + jobId + "/manifest.json");
        assertThat(job.progressSummary().numberOfTasksSucceeded()).isEqualTo(1);
        assertThat(resultRows(report, "succeeded")).singleElement().asString().endsWith("attempt 3\"");
        assertThat(resultRows(report, "failed")).containsExactly(bucket() + ",calls/always-temporary.wav,,failed,200,TemporaryFailure,\"busy, attempt 4\"");
    }

    @Test
    void job_whenTheFunctionThrows_recordsTheTaskAsFailedWithLambdasError_andGoesOn() {
        String manifestKey = manifest(bucket() + ",calls/throws.wav\n" + bucket() + ",calls/after.wav\n");

        String jobId = s3Control.createJob(job(manifestKey, etag(manifestKey), Map.of())).jobId();
        JobDescriptor job = awaitEnd(jobId);

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
        Map<String, Object> report = reportManifest("reports/r1/job-" + jobId + "/manifest.json");
        assertThat(resultRows(report, "failed")).containsExactly(bucket() + ",calls/throws.wav,,failed,200,PermanentFailure,"
                + "\"Lambda returned function error: {\"\"errorMessage\"\":\"\"refused calls/throws.wav\"\",\"\"errorType\"\":\"\"java.lang.IllegalStateException\"\"}\"");
        assertThat(resultRows(report, "succeeded")).hasSize(1);
    }

    @Test
    void job_withVersionIds_passesEachRowsVersionToTheFunction() {
        String manifestKey = manifest(bucket() + ",calls/versioned.wav,3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\n");

        String jobId = s3Control.createJob(job(manifestKey, etag(manifestKey), Map.of()).toBuilder()
                .manifest(m -> m.spec(spec -> spec.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                                .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY, JobManifestFieldName.VERSION_ID))
                        .location(location -> location.objectArn("arn:aws:s3:::" + bucket() + "/" + manifestKey).eTag(etag(manifestKey))))
                .build()).jobId();
        awaitEnd(jobId);

        assertThat(resultRows(reportManifest("reports/r1/job-" + jobId + "/manifest.json"), "succeeded")).singleElement().asString()
                .startsWith(bucket() + ",calls/versioned.wav,3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY,succeeded,200,,")
                .contains("version 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    }

    @Test
    void createJob_withAnOperationOtherThanLambdaInvoke_isRefusedNamingIt() {
        String manifestKey = manifest(bucket() + ",calls/a.wav\n");
        CreateJobRequest tagging = job(manifestKey, etag(manifestKey), Map.of()).toBuilder()
                .operation(operation -> operation.s3PutObjectTagging(tags -> tags.tagSet(tag -> tag.key("retention").value("7y")))).build();

        assertThatThrownBy(() -> s3Control.createJob(tagging)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("operation S3PutObjectTagging is not supported by the local runtime; it runs LambdaInvoke jobs only");
    }

    @Test
    void createJob_withAFunctionArnOfNoTemplateFunction_isRefusedNamingTheFunctions() {
        String manifestKey = manifest(bucket() + ",calls/a.wav\n");
        CreateJobRequest unknown = job(manifestKey, etag(manifestKey), Map.of()).toBuilder()
                .operation(operation -> operation.lambdaInvoke(lambda -> lambda.functionArn("arn:aws:lambda:eu-west-2:" + ACCOUNT + ":function:NoSuchFunction")
                        .invocationSchemaVersion("2.0"))).build();

        assertThatThrownBy(() -> s3Control.createJob(unknown)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("function:NoSuchFunction names no function of the template")
                .hasMessageContaining(stack.runtime().stack().stackName() + "-BatchTaskFunction");
    }

    @Test
    void createJob_withoutInvocationSchemaVersion2_isRefusedSayingWhichItSends() {
        String manifestKey = manifest(bucket() + ",calls/a.wav\n");
        CreateJobRequest defaultSchema = job(manifestKey, etag(manifestKey), Map.of()).toBuilder()
                .operation(operation -> operation.lambdaInvoke(lambda -> lambda.functionArn("BatchTaskFunction"))).build();

        assertThatThrownBy(() -> s3Control.createJob(defaultSchema)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("InvocationSchemaVersion is 1.0 (the default); the local runtime sends only schema 2.0 events");
    }

    @Test
    void createJob_withAnInventoryManifest_isRefusedNamingTheFormat() {
        String manifestKey = manifest(bucket() + ",calls/a.wav\n");
        CreateJobRequest inventory = job(manifestKey, etag(manifestKey), Map.of()).toBuilder()
                .manifest(m -> m.spec(spec -> spec.format(JobManifestFormat.S3_INVENTORY_REPORT_CSV_20161130))
                        .location(location -> location.objectArn("arn:aws:s3:::" + bucket() + "/" + manifestKey).eTag(etag(manifestKey))))
                .build();

        assertThatThrownBy(() -> s3Control.createJob(inventory)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Manifest.Spec.Format S3InventoryReport_CSV_20161130 is not supported");
    }

    @Test
    void createJob_reportingFailedTasksOnly_isRefusedNamingTheScope() {
        String manifestKey = manifest(bucket() + ",calls/a.wav\n");
        CreateJobRequest failedOnly = job(manifestKey, etag(manifestKey), Map.of()).toBuilder()
                .report(report -> report.enabled(true).bucket("arn:aws:s3:::" + bucket()).format(JobReportFormat.REPORT_CSV_20180820)
                        .reportScope(JobReportScope.FAILED_TASKS_ONLY))
                .build();

        assertThatThrownBy(() -> s3Control.createJob(failedOnly)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Report.ReportScope FailedTasksOnly is not supported by the local runtime");
    }

    @Test
    void listJobs_filteredByStatus_isRefusedNamingTheFilter() {
        assertThatThrownBy(() -> s3Control.listJobs(list -> list.accountId(ACCOUNT).jobStatuses(JobStatus.COMPLETE)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("ListJobs' jobStatuses");
    }

    @Test
    void job_whenTheManifestIsMissing_failsSayingSo() {
        String jobId = s3Control.createJob(job("manifests/never-uploaded.csv", "0123456789abcdef", Map.of())).jobId();

        JobDescriptor job = awaitEnd(jobId);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReasons()).singleElement().satisfies(failure -> {
            assertThat(failure.failureCode()).isEqualTo("ManifestNotFound");
            assertThat(failure.failureReason()).contains("manifests/never-uploaded.csv");
        });
    }

    @Test
    void job_whenTheManifestChangedAfterItsETagWasTaken_failsWithoutRunningATask() {
        String manifestKey = manifest(bucket() + ",calls/a.wav\n");
        String before = etag(manifestKey);
        aws.clients().s3().putObject(put -> put.bucket(bucket()).key(manifestKey), RequestBody.fromString(bucket() + ",calls/b.wav\n"));

        JobDescriptor job = awaitEnd(s3Control.createJob(job(manifestKey, before, Map.of())).jobId());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReasons().get(0).failureCode()).isEqualTo("ManifestETagMismatch");
        assertThat(job.progressSummary()).isNull();
    }

    @Test
    void job_whenAManifestRowHasTheWrongFields_failsNamingTheLineBeforeRunningATask() {
        String manifestKey = manifest(bucket() + ",calls/a.wav\n" + bucket() + ",calls/b.wav,extra,more\n");

        JobDescriptor job = awaitEnd(s3Control.createJob(job(manifestKey, etag(manifestKey), Map.of())).jobId());

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReasons().get(0).failureReason()).contains("manifest line 2 has 4 fields where the job's Fields [Bucket, Key] expect 2");
        assertThat(job.progressSummary()).isNull();
    }

    @Test
    void describeJob_ofAnUnknownJob_isNotFound() {
        assertThatThrownBy(() -> s3Control.describeJob(describe -> describe.accountId(ACCOUNT).jobId("no-such-job")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no job no-such-job");
    }

    @Test
    void createJob_retriedWithTheSameClientRequestToken_makesOneJob() {
        String manifestKey = manifest(bucket() + ",calls/once.wav\n");
        CreateJobRequest request = job(manifestKey, etag(manifestKey), Map.of()).toBuilder().clientRequestToken(UUID.randomUUID().toString()).build();

        String first = s3Control.createJob(request).jobId();
        String again = s3Control.createJob(request).jobId();

        assertThat(again).isEqualTo(first);
        List<String> listed = s3Control.listJobs(list -> list.accountId(ACCOUNT)).jobs().stream().map(JobListDescriptor::jobId).toList();
        assertThat(listed).containsOnlyOnce(first);
    }

    private static CreateJobRequest job(String manifestKey, String eTag, Map<String, String> userArguments) {
        return CreateJobRequest.builder().accountId(ACCOUNT).priority(10).roleArn("arn:aws:iam::" + ACCOUNT + ":role/batch")
                .manifest(m -> m.spec(spec -> spec.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820).fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY))
                        .location(location -> location.objectArn("arn:aws:s3:::" + bucket() + "/" + manifestKey).eTag(eTag)))
                .operation(operation -> operation.lambdaInvoke(lambda -> lambda
                        .functionArn("arn:aws:lambda:eu-west-2:" + ACCOUNT + ":function:" + stack.runtime().stack().stackName() + "-BatchTaskFunction")
                        .invocationSchemaVersion("2.0").userArguments(userArguments)))
                .report(report -> report.enabled(true).bucket("arn:aws:s3:::" + bucket()).prefix("reports/r1")
                        .format(JobReportFormat.REPORT_CSV_20180820).reportScope(JobReportScope.ALL_TASKS))
                .build();
    }

    private static JobDescriptor awaitEnd(String jobId) {
        return eventually(Duration.ofSeconds(30), "job " + jobId + " to end", () -> {
            JobDescriptor job = s3Control.describeJob(describe -> describe.accountId(ACCOUNT).jobId(jobId)).job();
            return job.status() == JobStatus.COMPLETE || job.status() == JobStatus.FAILED ? Optional.of(job) : Optional.empty();
        });
    }

    private static String manifest(String csv) {
        String key = "manifests/" + UUID.randomUUID() + ".csv";
        aws.clients().s3().putObject(put -> put.bucket(bucket()).key(key), RequestBody.fromString(csv));
        return key;
    }

    private static String etag(String key) {
        return aws.clients().s3().headObject(head -> head.bucket(bucket()).key(key)).eTag();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reportManifest(String key) {
        return (Map<String, Object>) Json.parse(read(key));
    }

    /** The rows of the report's result file for that task status, checked against the manifest's MD5. */
    @SuppressWarnings("unchecked")
    private static List<String> resultRows(Map<String, Object> report, String status) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> result : (List<Map<String, Object>>) report.get("Results")) {
            if (result.get("TaskExecutionStatus").equals(status)) {
                assertThat(result.get("Bucket")).isEqualTo(bucket());
                String csv = read(result.get("Key").toString());
                assertThat(result.get("MD5Checksum")).isEqualTo(md5(csv));
                csv.lines().forEach(rows::add);
            }
        }
        return rows;
    }

    private static String read(String key) {
        return aws.clients().s3().getObjectAsBytes(get -> get.bucket(bucket()).key(key)).asUtf8String();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String bucket() {
        return stack.bucket();
    }
}
