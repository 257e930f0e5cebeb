package uk.callretention.systemtests.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import uk.callretention.local.LocalRuntime;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.aws.MotoServer;
import uk.callretention.local.runtime.RuntimeOptions;
import uk.callretention.local.runtime.batch.S3ControlClients;

/**
 * What the local S3 Batch Operations endpoint itself costs per task: jobs of 1,000, 10,000 and 100,000 manifest rows
 * through a handler that does no AWS work of its own ({@code BatchTaskHandler}), from CreateJob to the completion
 * report in moto. A program, not a test; from the repository's root, after {@code mvn -B -ntp install -DskipTests}:
 * {@code mvn -B -ntp -pl system-tests exec:java -Dexec.classpathScope=test -Dexec.mainClass=uk.callretention.systemtests.local.BatchJobsBenchmark}
 */
public final class BatchJobsBenchmark {
    private static final String ACCOUNT = "123456789012";
    private static final List<Integer> SIZES = List.of(1_000, 10_000, 100_000);

    private BatchJobsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path template = Files.exists(Path.of("system-tests")) ? Path.of("system-tests").resolve(TestRuntimes.TEMPLATES).resolve("batch-jobs.yaml")
                : TestRuntimes.TEMPLATES.resolve("batch-jobs.yaml");
        String stackName = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (MotoServer moto = MotoServer.start(0, Path.of("target", "local-aws", "batch-benchmark-moto.log"));
             LocalAwsClients clients = LocalAwsClients.forEndpoint(moto.endpoint());
             LocalRuntime runtime = new LocalRuntime(RuntimeOptions.forTemplate(template).withExistingAws(moto.endpoint()).withPorts(0, 0)
                     .withStackName(stackName).withDataFolder(Path.of("target", "local-runtime", stackName))).start();
             S3ControlClient s3Control = S3ControlClients.local(runtime.s3ControlEndpoint())) {
            String bucket = runtime.stack().bucketName("JobsBucket");
            System.out.println();
            System.out.println("| manifest rows | CreateJob to Complete (s) | tasks a second | report bytes |");
            System.out.println("|---:|---:|---:|---:|");
            for (int rows : SIZES) {
                System.out.println(run(clients.s3(), s3Control, bucket, rows));
            }
        }
    }

    private static String run(S3Client s3, S3ControlClient s3Control, String bucket, int rows) throws InterruptedException {
        StringBuilder manifest = new StringBuilder();
        for (int row = 0; row < rows; row++) {
            manifest.append(bucket).append(",rutland/customer-services/phone/2026/11/25/call-").append(row).append(".wav\n");
        }
        String key = "manifests/benchmark-" + rows + ".csv";
        String eTag = s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromString(manifest.toString())).eTag();
        Instant started = Instant.now();
        String jobId = s3Control.createJob(job -> job.accountId(ACCOUNT).priority(10).roleArn("arn:aws:iam::" + ACCOUNT + ":role/benchmark")
                .manifest(m -> m.spec(spec -> spec.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820).fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY))
                        .location(location -> location.objectArn("arn:aws:s3:::" + bucket + "/" + key).eTag(eTag)))
                .operation(operation -> operation.lambdaInvoke(lambda -> lambda.functionArn("BatchTaskFunction").invocationSchemaVersion("2.0")))
                .report(report -> report.enabled(true).bucket("arn:aws:s3:::" + bucket).prefix("reports/benchmark")
                        .format(JobReportFormat.REPORT_CSV_20180820).reportScope(JobReportScope.ALL_TASKS))).jobId();
        JobDescriptor job;
        do {
            Thread.sleep(200);
            job = s3Control.describeJob(describe -> describe.accountId(ACCOUNT).jobId(jobId)).job();
        } while (job.status() != JobStatus.COMPLETE && job.status() != JobStatus.FAILED);
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        if (job.status() == JobStatus.FAILED || job.progressSummary().numberOfTasksSucceeded() != rows) {
            throw new IllegalStateException("job " + jobId + " ended " + job.statusAsString() + ": " + job.progressSummary() + " " + job.failureReasons());
        }
        long reportBytes = s3.listObjectsV2(list -> list.bucket(bucket).prefix("reports/benchmark/job-" + jobId + "/")).contents().stream()
                .mapToLong(object -> object.size()).sum();
        return String.format("| %,d | %.1f | %,.0f | %,d |", rows, seconds, rows / seconds, reportBytes);
    }
}
