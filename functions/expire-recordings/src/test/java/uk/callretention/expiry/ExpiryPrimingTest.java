package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.callretention.aws.PrimingHttpClient;

/** The priming requests take each function's usual path, over clients that send nothing. */
class ExpiryPrimingTest {

    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("AWS_REGION", "eu-west-2"),
            Map.entry("RECORDINGS_BUCKET", "recordings"),
            Map.entry("CATALOGUE_TABLE", "catalogue"),
            Map.entry("AUDIT_TABLE", "audit"),
            Map.entry("HOLDS_TABLE", "holds"),
            Map.entry("SWEEP_STATE_TABLE", "sweep-state"),
            Map.entry("AUDIT_DIGEST_BUCKET", "digests"),
            Map.entry("BATCH_JOBS_BUCKET", "batch-jobs"),
            Map.entry("BATCH_JOB_ROLE_ARN", "arn:aws:iam::123456789012:role/batch-jobs"),
            Map.entry("REAPPLY_FUNCTION_ARN", "arn:aws:lambda:eu-west-2:123456789012:function:reapply"),
            Map.entry("SWEEP_CONCURRENCY", "32"),
            Map.entry("EXPORTS_TABLE", "exports"),
            Map.entry("EXPORTS_BUCKET", "exports"),
            Map.entry("CALLER_HASH_SECRET_ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:caller-hash"),
            Map.entry("RETENTION_PERIOD_ROTHERHAM", "P6M"));

    @Test
    void catchUp_whenPrimed_readsTheSweepsProgressAndFindsItUpToDate() {
        PrimingHttpClient aws = ExpiryPriming.aws(ENVIRONMENT);

        Map<String, Object> summary = ExpiryPriming.catchUp(ENVIRONMENT, aws);

        assertThat(summary).containsEntry("mode", "sweep").containsEntry("status", "UP_TO_DATE");
        // The sweep's progress, then the subject access exports due (none).
        assertThat(aws.answered()).containsExactly("GetItem", "Query");
    }

    @Test
    void reapplication_whenPrimed_reclassifiesRetagsAndAuditsTheRecording() {
        PrimingHttpClient aws = ExpiryPriming.aws(ENVIRONMENT);

        S3BatchResponse answer = ExpiryPriming.reapplication(ENVIRONMENT, aws);

        assertThat(answer.getResults()).singleElement().satisfies(result -> {
            assertThat(result.getResultCode()).isEqualTo(S3BatchResponse.ResultCode.Succeeded);
            assertThat(result.getResultString()).isEqualTo("later,applied");
        });
        assertThat(aws.answered()).contains("GetItem", "PutItem", "GetObjectTagging", "PutObjectTagging", "UpdateItem");
    }
}
