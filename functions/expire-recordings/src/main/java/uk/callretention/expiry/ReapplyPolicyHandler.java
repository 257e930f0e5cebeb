package uk.callretention.expiry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse.ResultCode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import uk.callretention.aws.S3BatchJobs;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.RecordingId;
import uk.callretention.retention.PolicyReapplication;
import uk.callretention.retention.Reapplied;

/**
 * S3 Batch Operations' per-object handler for a policy re-application job (invocation schema 2.0): re-applies the
 * bundled policies to the recording version each task names, and answers per task {@code Succeeded} with the outcome
 * ({@link Reapplied#resultString}), {@code TemporaryFailure} when AWS throttled or timed out or the entry changed
 * meanwhile (S3 Batch Operations retries it), or {@code PermanentFailure} with the reason (a key the catalogue does
 * not know, another bucket, a refusal by AWS). The job's user arguments carry {@code dryRun} ({@code true} or
 * {@code false}: nothing is changed unless it says so) and {@code runId}, the job's id when absent.
 */
public final class ReapplyPolicyHandler implements RequestHandler<S3BatchEventV2, S3BatchResponse> {

    private final PolicyReapplication reapplication;
    private final String recordingsBucket;
    private final LogLine log;
    private final Clock clock;
    private final SnapStartPriming snapStart;

    /** Lambda's constructor: registers the SnapStart hooks too. */
    public ReapplyPolicyHandler() {
        this(System.getenv());
        snapStart.registered();
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public ReapplyPolicyHandler(Map<String, String> environment) {
        this(ReapplyPolicyFactory.fromEnvironment(environment));
    }

    /** @param factory its parts; a benchmark or test builds one with no SnapStart hooks, as such a handler is never primed */
    ReapplyPolicyHandler(ReapplyPolicyFactory factory) {
        this.reapplication = factory.reapplication();
        this.recordingsBucket = factory.recordingsBucket();
        this.log = factory.log();
        this.clock = factory.clock();
        this.snapStart = factory.snapStart();
    }

    /** The SnapStart hooks Lambda's constructor registers, for tests to call as the runtime does. */
    SnapStartPriming snapStart() {
        return snapStart;
    }

    @Override
    public S3BatchResponse handleRequest(S3BatchEventV2 event, Context context) {
        Map<String, String> arguments = event.getJob() == null || event.getJob().getUserArguments() == null ? Map.of()
                : event.getJob().getUserArguments();
        // A job started by hand (local/batch-job, the console) names no run: its own id serves.
        String runId = arguments.getOrDefault("runId", event.getJob() == null ? null : event.getJob().getId());
        String dryRun = arguments.get("dryRun");
        LocalDate today = LocalDate.ofInstant(clock.instant(), RetentionSchedule.UK);
        List<S3BatchResponse.Result> results = (event.getTasks() == null ? List.<S3BatchEventV2.Task>of() : event.getTasks()).stream()
                .map(task -> runId == null || !List.of("true", "false").contains(dryRun)
                        ? result(task, ResultCode.PermanentFailure, "the job needs an id or a runId, and dryRun true or false in its user arguments")
                        : reapply(task, runId, Boolean.parseBoolean(dryRun), today))
                .toList();
        return S3BatchResponse.builder()
                .withInvocationSchemaVersion(event.getInvocationSchemaVersion())
                .withInvocationId(event.getInvocationId())
                .withTreatMissingKeysAs(ResultCode.PermanentFailure)
                .withResults(results)
                .build();
    }

    private S3BatchResponse.Result reapply(S3BatchEventV2.Task task, String runId, boolean dryRun, LocalDate today) {
        if (!recordingsBucket.equals(task.getS3Bucket())) {
            return result(task, ResultCode.PermanentFailure, "not the recordings bucket");
        }
        String key;
        try {
            key = S3BatchJobs.decodeKey(task.getS3Key());
        } catch (IllegalArgumentException | NullPointerException e) {
            return result(task, ResultCode.PermanentFailure, "the key is not URL-encoded text");
        }
        String versionId = task.getS3VersionId() == null || task.getS3VersionId().isEmpty() ? null : task.getS3VersionId();
        try {
            Reapplied outcome = reapplication.reapply(key, versionId, runId, dryRun, today);
            log.info("policy re-applied to recording", Map.of("runId", runId, "taskId", task.getTaskId(),
                    "recordingId", RecordingId.forKey(key), "outcome", outcome.resultString()));
            return switch (outcome.change()) {
                case CHANGED_MEANWHILE -> result(task, ResultCode.TemporaryFailure, outcome.resultString());
                // The manifest came from the catalogue: a key it does not know was put there by hand, or by mistake.
                case NOT_CATALOGUED -> result(task, ResultCode.PermanentFailure, outcome.resultString() + ": no recording is catalogued under this key");
                default -> result(task, ResultCode.Succeeded, outcome.resultString());
            };
        } catch (SdkClientException e) {
            return failed(task, runId, ResultCode.TemporaryFailure, "AWS did not answer in time: " + e.getClass().getSimpleName());
        } catch (AwsServiceException e) {
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
            return failed(task, runId, retryable ? ResultCode.TemporaryFailure : ResultCode.PermanentFailure,
                    "AWS refused: " + (e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode()));
        } catch (RuntimeException e) {
            return failed(task, runId, ResultCode.PermanentFailure, "could not re-apply: " + e.getClass().getSimpleName());
        }
    }

    private S3BatchResponse.Result failed(S3BatchEventV2.Task task, String runId, ResultCode code, String reason) {
        log.error("policy re-application task failed", Map.of("runId", runId, "taskId", task.getTaskId(), "resultCode", code.name(), "reason", reason));
        return result(task, code, reason);
    }

    private static S3BatchResponse.Result result(S3BatchEventV2.Task task, ResultCode code, String resultString) {
        return S3BatchResponse.Result.builder().withTaskId(task.getTaskId()).withResultCode(code).withResultString(resultString).build();
    }
}
