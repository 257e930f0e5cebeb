package uk.callretention.local.runtime.batch;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.function.FunctionFailedException;
import uk.callretention.local.runtime.function.LambdaFunction;

/**
 * Runs one manifest row as S3 Batch Operations' LambdaInvoke does: one task per invocation, in a schema 2.0 event,
 * the answer read as an S3BatchResponse. A TemporaryFailure is tried again, a few times and
 * a little later each time; a function that throws fails the task with Lambda's error in the report.
 */
final class LambdaTasks {
    static final String SUCCEEDED = "Succeeded";
    static final String TEMPORARY_FAILURE = "TemporaryFailure";
    static final String PERMANENT_FAILURE = "PermanentFailure";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LambdaFunction function;
    private final String jobId;
    private final JobSpec spec;
    private final Retries retries;

    LambdaTasks(LambdaFunction function, String jobId, JobSpec spec, Retries retries) {
        this.function = function;
        this.jobId = jobId;
        this.spec = spec;
        this.retries = retries;
    }

    /** A task that answers TemporaryFailure is invoked {@code attempts} times in all, the wait before each retry twice the last. */
    record Retries(int attempts, Duration firstWait) {
    }

    /** What one task came to: {@code resultCode} Succeeded or the failure's code, and the function's resultString or the error. */
    record Outcome(ManifestRows.Row row, String resultCode, String message) {
        boolean succeeded() {
            return resultCode.equals(SUCCEEDED);
        }
    }

    Outcome run(ManifestRows.Row row) throws InterruptedException {
        Outcome outcome = null;
        for (int attempt = 1; attempt <= retries.attempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(retries.firstWait().toMillis() << (attempt - 2));
            }
            outcome = invokeOnce(row);
            if (!outcome.resultCode().equals(TEMPORARY_FAILURE)) {
                return outcome;
            }
        }
        return outcome;
    }

    private Outcome invokeOnce(ManifestRows.Row row) {
        String invocationId = randomId(36);
        String taskId = randomId(12);
        Object answer;
        try {
            answer = function.invoke(event(invocationId, taskId, row));
        } catch (FunctionFailedException e) {
            function.logFailure("S3 Batch Operations job " + jobId + " task for " + row.key(), e);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorMessage", e.errorMessage());
            error.put("errorType", e.errorType());
            return new Outcome(row, PERMANENT_FAILURE, "Lambda returned function error: " + Json.write(error));
        }
        return outcome(row, taskId, answer);
    }

    private Map<String, Object> event(String invocationId, String taskId, ManifestRows.Row row) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", jobId);
        job.put("userArguments", spec.userArguments());
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskId", taskId);
        task.put("s3Bucket", row.bucket());
        task.put("s3Key", row.key());
        task.put("s3VersionId", row.versionId());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("invocationSchemaVersion", CreateJobRequests.SCHEMA_VERSION);
        event.put("invocationId", invocationId);
        event.put("job", job);
        event.put("tasks", List.of(task));
        return event;
    }

    /** The task's entry in the S3BatchResponse; a response without one counts as its treatMissingKeysAs (PermanentFailure if none). */
    private static Outcome outcome(ManifestRows.Row row, String taskId, Object answer) {
        if (!(answer instanceof Map<?, ?> response) || !(response.get("results") instanceof List<?> results)) {
            return new Outcome(row, PERMANENT_FAILURE, "Lambda returned an answer that is not an S3BatchResponse with results: " + Json.write(answer));
        }
        for (Object result : results) {
            if (result instanceof Map<?, ?> entry && taskId.equals(entry.get("taskId"))) {
                String code = String.valueOf(entry.get("resultCode"));
                if (!List.of(SUCCEEDED, TEMPORARY_FAILURE, PERMANENT_FAILURE).contains(code)) {
                    return new Outcome(row, PERMANENT_FAILURE, "Lambda returned resultCode " + code + ", which is not Succeeded, TemporaryFailure or PermanentFailure");
                }
                Object message = entry.get("resultString");
                return new Outcome(row, code, message == null ? "" : message.toString());
            }
        }
        Object missing = response.get("treatMissingKeysAs");
        return new Outcome(row, missing == null ? PERMANENT_FAILURE : missing.toString(), "Lambda returned no result for task " + taskId);
    }

    private static String randomId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
