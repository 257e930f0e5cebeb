package uk.callretention.tagging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.callretention.aws.PrimingHttpClient;

/** The priming requests take each function's usual path, over clients that send nothing. */
class TagRecordingPrimingTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "AWS_REGION", "eu-west-2",
            "RECORDINGS_BUCKET", "recordings",
            "CATALOGUE_TABLE", "catalogue",
            "AUDIT_TABLE", "audit",
            "CALLER_HASH_SECRET_ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:caller-hash",
            "UPLOADS_DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-2.amazonaws.com/123456789012/uploads-dead-letters",
            "RETENTION_PERIOD_ROTHERHAM", "P6M");

    @Test
    void usualUpload_whenPrimed_isTaggedCataloguedAndScrubbed() {
        PrimingHttpClient aws = TagRecordingPriming.aws();
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        SQSBatchResponse answer = TagRecordingPriming.usualUpload(ENVIRONMENT, aws, new PrintStream(log, true, UTF_8));

        assertThat(answer.getBatchItemFailures()).isEmpty();
        assertThat(log.toString(UTF_8)).contains("\"outcome\":\"CATALOGUED\"", "\"state\":\"ACTIVE\"", "\"personalMetadata\":\"SCRUBBED\"");
        assertThat(aws.answered()).as("read, hashed with the priming key, tagged, catalogued, copied without the number, the first version deleted")
                .containsSubsequence("HeadObject", "GetSecretValue", "GetObject", "PutItem", "PutObjectTagging", "CopyObject", "UpdateItem", "DeleteObject");
    }

    @Test
    void dryScrub_whenPrimed_findsTheRecordingWouldBeScrubbed() {
        PrimingHttpClient aws = TagRecordingPriming.aws();

        Map<String, Object> counts = TagRecordingPriming.dryScrub(ENVIRONMENT, aws);

        assertThat(counts).containsEntry("examined", 1).containsEntry("wouldScrub", 1).containsEntry("complete", true);
        assertThat(aws.answered()).containsExactly("Scan", "HeadObject");
    }

    @Test
    void dailyReconciliation_whenPrimed_findsTheRecordingTaggedAndCatalogued() {
        PrimingHttpClient aws = TagRecordingPriming.aws();

        Map<String, Object> counts = TagRecordingPriming.dailyReconciliation(ENVIRONMENT, aws);

        assertThat(counts).containsEntry("complete", true).containsEntry("repaired", 0).containsEntry("failed", 0);
        assertThat((Integer) counts.get("objectsChecked")).isPositive();
        assertThat(aws.answered()).contains("ReceiveMessage", "ListObjectVersions", "GetObjectTagging");
    }
}
