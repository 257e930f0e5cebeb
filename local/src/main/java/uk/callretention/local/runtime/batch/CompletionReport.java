package uk.callretention.local.runtime.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.local.runtime.Json;

/**
 * Writes a job's completion report where S3 Batch Operations writes it, in its Report_CSV_20180820 format:
 * {@code <prefix>/job-<id>/results/<name>.csv}, one for the succeeded tasks and one for the failed, and
 * {@code <prefix>/job-<id>/manifest.json} listing them with their MD5 checksums. The manifest is written last, so
 * a reader who finds it finds every result file it names.
 */
final class CompletionReport {
    static final String SCHEMA = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage";
    /** Lambda's Invoke answers 200 even when the function fails; the failure is in the error code and message. */
    private static final String HTTP_STATUS = "200";

    private CompletionReport() {
    }

    /** @return the manifest.json's key */
    static String write(S3Client s3, String jobId, JobSpec.ReportSpec report, List<LambdaTasks.Outcome> outcomes, Instant now) {
        String folder = (report.prefix() == null || report.prefix().isEmpty() ? "" : trimSlashes(report.prefix()) + "/") + "job-" + jobId;
        List<Map<String, Object>> results = new ArrayList<>();
        resultFile(s3, report.bucket(), folder, "succeeded", outcomes.stream().filter(LambdaTasks.Outcome::succeeded).toList(), results);
        resultFile(s3, report.bucket(), folder, "failed", outcomes.stream().filter(outcome -> !outcome.succeeded()).toList(), results);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("Format", CreateJobRequests.REPORT_FORMAT);
        manifest.put("ReportCreationDate", now.truncatedTo(ChronoUnit.MILLIS).toString());
        manifest.put("Results", results);
        manifest.put("ReportSchema", SCHEMA);
        String key = folder + "/manifest.json";
        s3.putObject(put -> put.bucket(report.bucket()).key(key).contentType("application/json"), RequestBody.fromString(Json.writePretty(manifest)));
        return key;
    }

    private static void resultFile(S3Client s3, String bucket, String folder, String status, List<LambdaTasks.Outcome> outcomes,
                                   List<Map<String, Object>> results) {
        if (outcomes.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder();
        // the rows give the HTTP status before the error code, as AWS's own reports do, whatever the schema line says
        outcomes.forEach(outcome -> csv.append(Csv.format(List.of(outcome.row().bucket(), outcome.row().key(),
                outcome.row().versionId() == null ? "" : outcome.row().versionId(), status, HTTP_STATUS,
                outcome.succeeded() ? "" : outcome.resultCode(), outcome.message()))).append('\n'));
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        String key = folder + "/results/" + hex("SHA-1", bytes) + ".csv";
        s3.putObject(put -> put.bucket(bucket).key(key).contentType("text/csv"), RequestBody.fromBytes(bytes));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("TaskExecutionStatus", status);
        result.put("Bucket", bucket);
        result.put("MD5Checksum", hex("MD5", bytes));
        result.put("Key", key);
        results.add(result);
    }

    private static String trimSlashes(String prefix) {
        String trimmed = prefix;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
