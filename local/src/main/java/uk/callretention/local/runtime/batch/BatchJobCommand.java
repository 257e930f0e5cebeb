package uk.callretention.local.runtime.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.S3ControlException;
import uk.callretention.local.aws.LocalAwsClients;
import uk.callretention.local.runtime.Json;

/**
 * {@code local/batch-job}: runs an S3 Batch Operations job on the running local stack, as an operator would in AWS
 * with {@code aws s3control create-job}: uploads the manifest CSV, creates a LambdaInvoke job on one of the
 * template's functions, follows it to the end and says where its completion report is.
 */
public final class BatchJobCommand {
    static final String USAGE = """
            usage: local/batch-job --manifest FILE.csv --function LOGICAL_ID [--bucket BUCKET] [--user-argument NAME=VALUE ...] [--report-prefix PREFIX]
              --manifest       a CSV of Bucket,Key[,VersionId] rows, keys URL-encoded, as S3 Batch Operations reads it
              --function       the template function each row is given to, e.g. ReapplyPolicyFunction
              --bucket         where the manifest and the report go: a bucket's logical id or name (default BatchJobsBucket)
              --user-argument  passed to the function in every event's job.userArguments (schema 2.0), e.g. dryRun=true
              --report-prefix  the completion report's prefix in the bucket (default reports/local)
            the local stack must be running (local/run); its endpoints are read from .local/endpoints.json""";
    private static final DateTimeFormatter LONDON_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.of("Europe/London"));

    private BatchJobCommand() {
    }

    public static void main(String[] args) {
        Options options;
        Map<?, ?> endpoints;
        try {
            options = Options.parse(args);
            endpoints = endpoints(Path.of(System.getProperty("local.endpoints", ".local/endpoints.json")));
        } catch (IllegalArgumentException e) {
            System.err.println("local/batch-job: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try (LocalAwsClients aws = LocalAwsClients.forEndpoint(URI.create(endpoints.get("s3").toString()));
             S3ControlClient s3Control = S3ControlClients.local(URI.create(endpoints.get("s3control").toString()))) {
            System.exit(run(options, endpoints, aws.s3(), s3Control, System.out, System.err));
        } catch (IOException | RuntimeException e) {
            System.err.println("local/batch-job: " + e.getMessage());
            System.exit(1);
        }
    }

    /** @return the exit status: 0 when the job completed (whatever its tasks came to), 1 when it failed */
    static int run(Options options, Map<?, ?> endpoints, S3Client s3, S3ControlClient s3Control, PrintStream out, PrintStream err) throws IOException {
        String bucket = bucket(options.bucket(), (Map<?, ?>) endpoints.get("buckets"));
        String accountId = endpoints.get("accountId").toString();
        String region = endpoints.get("region").toString();
        byte[] manifest = Files.readAllBytes(options.manifest());
        String manifestKey = "manifests/local-" + Instant.now().toEpochMilli() + "-" + options.manifest().getFileName();
        String eTag = s3.putObject(put -> put.bucket(bucket).key(manifestKey).contentType("text/csv"), RequestBody.fromBytes(manifest)).eTag();
        List<JobManifestFieldName> fields = firstLineFields(new String(manifest, StandardCharsets.UTF_8));
        String jobId;
        try {
            jobId = s3Control.createJob(job -> job.accountId(accountId)
                    .priority(10)
                    .roleArn("arn:aws:iam::" + accountId + ":role/local-batch-operations")
                    .description("local/batch-job " + options.function() + " " + options.manifest().getFileName())
                    .manifest(m -> m.spec(spec -> spec.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820).fields(fields))
                            .location(location -> location.objectArn("arn:aws:s3:::" + bucket + "/" + manifestKey).eTag(eTag)))
                    .operation(operation -> operation.lambdaInvoke(lambda -> lambda
                            .functionArn("arn:aws:lambda:" + region + ":" + accountId + ":function:" + options.function())
                            .invocationSchemaVersion("2.0")
                            .userArguments(options.userArguments())))
                    .report(report -> report.enabled(true).bucket("arn:aws:s3:::" + bucket).prefix(options.reportPrefix())
                            .format(JobReportFormat.REPORT_CSV_20180820).reportScope(JobReportScope.ALL_TASKS))).jobId();
        } catch (S3ControlException e) {
            err.println("local/batch-job: CreateJob refused: " + e.awsErrorDetails().errorMessage());
            return 1;
        }
        out.println("job " + jobId + " created for " + options.function() + " over s3://" + bucket + "/" + manifestKey);
        JobDescriptor job = follow(s3Control, accountId, jobId, out);
        out.println("job " + jobId + " " + job.statusAsString() + ": " + describeProgress(job));
        job.failureReasons().forEach(failure -> out.println("  " + failure.failureCode() + ": " + failure.failureReason()));
        if (job.status() == JobStatus.COMPLETE) {
            String prefix = options.reportPrefix().isEmpty() ? "" : options.reportPrefix() + "/";
            out.println("completion report: s3://" + bucket + "/" + prefix + "job-" + jobId + "/manifest.json");
            return 0;
        }
        return 1;
    }

    private static JobDescriptor follow(S3ControlClient s3Control, String accountId, String jobId, PrintStream out) {
        String last = "";
        while (true) {
            JobDescriptor job = s3Control.describeJob(describe -> describe.accountId(accountId).jobId(jobId)).job();
            String now = job.statusAsString() + " " + describeProgress(job);
            if (!now.equals(last)) {
                out.println(LONDON_TIME.format(Instant.now()) + " " + now);
                last = now;
            }
            if (job.status() == JobStatus.COMPLETE || job.status() == JobStatus.FAILED) {
                return job;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    private static String describeProgress(JobDescriptor job) {
        if (job.progressSummary() == null) {
            return "";
        }
        return String.format("%,d of %,d tasks succeeded, %,d failed", job.progressSummary().numberOfTasksSucceeded(),
                job.progressSummary().totalNumberOfTasks(), job.progressSummary().numberOfTasksFailed());
    }

    /** Bucket,Key or Bucket,Key,VersionId, from how many fields the first row has. */
    private static List<JobManifestFieldName> firstLineFields(String manifest) {
        String first = manifest.lines().findFirst().orElse("");
        return Csv.parse(first).size() == 3
                ? List.of(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY, JobManifestFieldName.VERSION_ID)
                : List.of(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY);
    }

    private static String bucket(String wanted, Map<?, ?> buckets) {
        if (buckets.containsKey(wanted)) {
            return buckets.get(wanted).toString();
        }
        if (buckets.containsValue(wanted)) {
            return wanted;
        }
        throw new IllegalArgumentException("--bucket " + wanted + " is none of the local stack's buckets " + buckets);
    }

    private static Map<?, ?> endpoints(Path file) {
        try {
            if (Json.parse(Files.readString(file)) instanceof Map<?, ?> written && written.get("s3control") != null) {
                return written;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + "): start the local stack with local/run first");
        }
        throw new IllegalArgumentException(file.toAbsolutePath() + " has no s3control endpoint: restart the local stack with local/run");
    }

    record Options(Path manifest, String function, String bucket, Map<String, String> userArguments, String reportPrefix) {
        static Options parse(String[] args) {
            Path manifest = null;
            String function = null;
            String bucket = "BatchJobsBucket";
            String reportPrefix = "reports/local";
            Map<String, String> userArguments = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String name = rest.remove(0);
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = rest.remove(0);
                switch (name) {
                    case "--manifest" -> manifest = Path.of(value);
                    case "--function" -> function = value;
                    case "--bucket" -> bucket = value;
                    case "--report-prefix" -> reportPrefix = value;
                    case "--user-argument" -> {
                        String[] pair = value.split("=", 2);
                        if (pair.length != 2 || pair[0].isEmpty()) {
                            throw new IllegalArgumentException("--user-argument takes NAME=VALUE, not " + value);
                        }
                        userArguments.put(pair[0], pair[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + name);
                }
            }
            if (manifest == null || function == null) {
                throw new IllegalArgumentException("give --manifest and --function");
            }
            if (!Files.isRegularFile(manifest)) {
                throw new IllegalArgumentException("--manifest " + manifest + " is not a file");
            }
            return new Options(manifest, function, bucket, userArguments, reportPrefix);
        }
    }
}
