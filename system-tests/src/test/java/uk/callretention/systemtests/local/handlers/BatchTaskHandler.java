package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An S3 Batch Operations handler (schema 2.0) whose answer depends on the key: "temporary-twice" answers
 * TemporaryFailure on its first two attempts, "always-temporary" on every one, "permanent" answers PermanentFailure,
 * "throws" throws; any other succeeds, its resultString telling what the task carried and which attempt it was.
 */
public final class BatchTaskHandler implements RequestHandler<S3BatchEventV2, S3BatchResponse> {
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    @Override
    public S3BatchResponse handleRequest(S3BatchEventV2 event, Context context) {
        S3BatchEventV2.Task task = event.getTasks().get(0);
        String key = URLDecoder.decode(task.getS3Key(), StandardCharsets.UTF_8);
        int attempt = attempts.merge(task.getS3Bucket() + "/" + key, 1, Integer::sum);
        if (key.contains("throws")) {
            throw new IllegalStateException("refused " + key);
        }
        S3BatchResponse.ResultCode code;
        String message;
        if (key.contains("always-temporary") || key.contains("temporary-twice") && attempt <= 2) {
            code = S3BatchResponse.ResultCode.TemporaryFailure;
            message = "busy, attempt " + attempt;
        } else if (key.contains("permanent")) {
            code = S3BatchResponse.ResultCode.PermanentFailure;
            message = "not allowed";
        } else {
            code = S3BatchResponse.ResultCode.Succeeded;
            message = "schema " + event.getInvocationSchemaVersion() + ", job " + event.getJob().getId() + ", bucket " + task.getS3Bucket()
                    + ", key " + task.getS3Key() + ", version " + task.getS3VersionId()
                    + ", arguments " + new TreeMap<>(event.getJob().getUserArguments()) + ", attempt " + attempt;
        }
        return S3BatchResponse.builder()
                .withInvocationSchemaVersion(event.getInvocationSchemaVersion())
                .withInvocationId(event.getInvocationId())
                .withTreatMissingKeysAs(S3BatchResponse.ResultCode.PermanentFailure)
                .withResults(List.of(S3BatchResponse.Result.builder().withTaskId(task.getTaskId()).withResultCode(code).withResultString(message).build()))
                .build();
    }
}
