package uk.callretention.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.JobStatus;
import software.amazon.awssdk.services.s3control.model.NotFoundException;
import software.amazon.awssdk.services.s3control.model.S3ControlException;
import software.amazon.awssdk.utils.Lazy;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.retention.BatchJobs;

/**
 * Policy re-application on S3 Batch Operations: the manifest ({@code S3BatchOperations_CSV_20180820}: bucket,
 * URL-encoded key, version id) goes to the batch-jobs bucket under {@code manifests/<runId>.csv}, the job invokes the
 * per-object function with invocation schema 2.0 and user arguments {@code runId} and {@code dryRun}, and writes its
 * completion report for every task under {@code reports/<runId>/job-<jobId>/}. {@code ClientRequestToken} is the run
 * id, so a retried start makes no second job.
 */
public final class S3BatchJobs implements BatchJobs {

    static final String MANIFEST_PREFIX = "manifests/";
    static final String REPORT_PREFIX = "reports/";
    static final String SCHEMA_VERSION = "2.0";
    static final int PRIORITY = 10;
    private static final int REPORT_COLUMNS = 7;
    private static final Set<JobStatus> FINISHED = Set.of(JobStatus.COMPLETE, JobStatus.FAILED, JobStatus.CANCELLED);

    private final S3Client s3;
    /** Built when a job is first started or followed: the function's usual requests (sweeps, digests) never need it. */
    private final Lazy<S3ControlClient> control;
    private final String jobsBucket;
    private final String recordingsBucket;
    private final String roleArn;
    private final String functionArn;

    /**
     * @param functionArn the per-object function's ARN; the job is created in its account and partition
     */
    public S3BatchJobs(S3Client s3, Supplier<S3ControlClient> control, String jobsBucket, String recordingsBucket, String roleArn, String functionArn) {
        if (functionArn.split(":").length < 7) {
            throw new IllegalArgumentException("not a Lambda function ARN: " + functionArn);
        }
        this.s3 = s3;
        this.control = new Lazy<>(control);
        this.jobsBucket = jobsBucket;
        this.recordingsBucket = recordingsBucket;
        this.roleArn = roleArn;
        this.functionArn = functionArn;
    }

    /** From the environment the template gives expire-recordings. */
    public static S3BatchJobs fromEnvironment(S3Client s3, Supplier<S3ControlClient> control, Map<String, String> environment) {
        return new S3BatchJobs(s3, control, AwsClients.require(environment, "BATCH_JOBS_BUCKET"), AwsClients.require(environment, "RECORDINGS_BUCKET"),
                AwsClients.require(environment, "BATCH_JOB_ROLE_ARN"), AwsClients.require(environment, "REAPPLY_FUNCTION_ARN"));
    }

    @Override
    public Started start(String runId, boolean dryRun, Iterable<CatalogueEntry> recordings) {
        String manifestKey = MANIFEST_PREFIX + runId + ".csv";
        Path file = null;
        try {
            file = Files.createTempFile("manifest-", ".csv");
            long rows = writeManifest(file, recordings);
            if (rows == 0) {
                return new Started(runId, null, dryRun, 0, null);
            }
            // S3 answers the ETag in quotes; CreateJob's examples give it bare.
            String eTag = s3.putObject(put -> put.bucket(jobsBucket).key(manifestKey).contentType("text/csv"), RequestBody.fromFile(file)).eTag()
                    .replace("\"", "");
            String jobId = control.getValue().createJob(createJob(runId, dryRun, manifestKey, eTag)).jobId();
            return new Started(runId, jobId, dryRun, rows, "s3://" + jobsBucket + "/" + manifestKey);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the manifest of run " + runId, e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** Streamed to a file, so a manifest of millions of rows never sits in memory. */
    private long writeManifest(Path file, Iterable<CatalogueEntry> recordings) throws IOException {
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (CatalogueEntry entry : recordings) {
                out.write(manifestRow(recordingsBucket, entry.objectKey(), entry.versionId()));
                out.write('\n');
                rows++;
            }
        }
        return rows;
    }

    static String manifestRow(String bucket, String key, String versionId) {
        return bucket + "," + encodeKey(key) + "," + (versionId == null ? "" : versionId);
    }

    CreateJobRequest createJob(String runId, boolean dryRun, String manifestKey, String eTag) {
        String[] arn = functionArn.split(":");
        String partition = arn[1];
        return CreateJobRequest.builder()
                .accountId(arn[4])
                .clientRequestToken(runId)
                .confirmationRequired(false)
                .priority(PRIORITY)
                .roleArn(roleArn)
                .description((dryRun ? "Dry run of policy re-application " : "Policy re-application ") + runId)
                .operation(operation -> operation.lambdaInvoke(invoke -> invoke.functionArn(functionArn).invocationSchemaVersion(SCHEMA_VERSION)
                        .userArguments(Map.of("runId", runId, "dryRun", Boolean.toString(dryRun)))))
                .manifest(manifest -> manifest
                        .spec(spec -> spec.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                                .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY, JobManifestFieldName.VERSION_ID))
                        .location(location -> location.objectArn("arn:" + partition + ":s3:::" + jobsBucket + "/" + manifestKey).eTag(eTag)))
                .report(report -> report.bucket("arn:" + partition + ":s3:::" + jobsBucket).prefix(REPORT_PREFIX + runId)
                        .format(JobReportFormat.REPORT_CSV_20180820).reportScope(JobReportScope.ALL_TASKS).enabled(true))
                .build();
    }

    @Override
    public Progress progress(String jobId) {
        JobDescriptor job;
        try {
            job = control.getValue().describeJob(describe -> describe.accountId(functionArn.split(":")[4]).jobId(jobId)).job();
        } catch (S3ControlException e) {
            if (e.statusCode() == 404 || e instanceof NotFoundException) {
                throw new IllegalArgumentException("no batch job " + jobId);
            }
            throw e;
        }
        Map<String, String> arguments = job.operation() == null || job.operation().lambdaInvoke() == null ? Map.of()
                : job.operation().lambdaInvoke().userArguments();
        if (!arguments.containsKey("runId")) {
            throw new IllegalArgumentException("batch job " + jobId + " is not a policy re-application");
        }
        var summary = job.progressSummary();
        return new Progress(jobId, arguments.get("runId"), Boolean.parseBoolean(arguments.get("dryRun")), job.statusAsString(),
                FINISHED.contains(job.status()), job.status() == JobStatus.COMPLETE,
                summary == null ? 0 : summary.totalNumberOfTasks(), summary == null ? 0 : summary.numberOfTasksSucceeded(),
                summary == null ? 0 : summary.numberOfTasksFailed());
    }

    /**
     * Reads {@code manifest.json}, which lists the report's result files, then each file's rows. AWS documents the
     * columns as {@code Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage} and its own
     * examples give the two codes the other way round: only the task status (fourth) and the result message (seventh
     * on) are read. The message is quoted when it holds a comma; should it ever come unquoted, its parts are joined again.
     */
    @Override
    public void results(Progress finished, BiConsumer<Boolean, String> task) {
        Map<String, Object> manifest;
        try {
            manifest = JSON.std.mapFrom(s3.getObjectAsBytes(get -> get.bucket(jobsBucket)
                    .key(REPORT_PREFIX + finished.runId() + "/job-" + finished.jobId() + "/manifest.json")).asByteArray());
        } catch (NoSuchKeyException noTaskRan) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("the completion report of job " + finished.jobId() + " is not JSON", e);
        }
        for (Object result : (List<?>) manifest.getOrDefault("Results", List.of())) {
            Map<?, ?> file = (Map<?, ?>) result;
            s3.getObject(get -> get.bucket(String.valueOf(file.get("Bucket"))).key(String.valueOf(file.get("Key"))),
                    ResponseTransformer.unmanaged((response, body) -> readRows(body, row -> {
                        if (row.size() >= REPORT_COLUMNS) {
                            task.accept("succeeded".equals(row.get(3)), String.join(",", row.subList(REPORT_COLUMNS - 1, row.size())));
                        }
                    })));
        }
    }

    private static Object readRows(InputStream body, Consumer<List<String>> row) {
        try (Reader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            csvRows(in, row);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a completion report", e);
        }
    }

    /** RFC 4180 rows, as S3 writes them: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
    static void csvRows(Reader in, Consumer<List<String>> row) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int c = in.read(); c != -1; c = in.read()) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    if (in.read() == '"') {
                        field.append('"');
                    } else {
                        in.reset();
                        quoted = false;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                fields.add(field.toString());
                row.accept(List.copyOf(fields));
                fields.clear();
                field.setLength(0);
                any = false;
            } else {
                field.append((char) c);
            }
        }
        if (any) {
            fields.add(field.toString());
            row.accept(List.copyOf(fields));
        }
    }

    /**
     * The key as a manifest needs it: UTF-8, percent-encoded except RFC 3986's unreserved characters and {@code /};
     * so {@code +} becomes {@code %2B} and a space {@code %20}, and no reading of {@code +} can get the key wrong.
     */
    public static String encodeKey(String key) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /**
     * A task's key, URL-encoded as in the manifest. {@code +} reads as a space, as S3 writes keys it encodes itself
     * (inventory reports, event notifications); this project's manifests never leave a {@code +} unencoded.
     *
     * @throws IllegalArgumentException when the text is not URL-encoded
     */
    public static String decodeKey(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file: Lambda's /tmp goes with the execution environment.
            }
        }
    }
}
