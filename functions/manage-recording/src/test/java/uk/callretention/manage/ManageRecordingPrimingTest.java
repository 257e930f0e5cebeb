package uk.callretention.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.callretention.aws.PrimingHttpClient;

/** The priming request takes ManageRecording's usual path, over clients that send nothing. */
class ManageRecordingPrimingTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "AWS_REGION", "eu-west-2",
            "RECORDINGS_BUCKET", "recordings",
            "CATALOGUE_TABLE", "catalogue",
            "AUDIT_TABLE", "audit",
            "HOLDS_TABLE", "holds",
            "CALLER_HASH_SECRET_ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:caller-hash",
            "RETENTION_PERIOD_ROTHERHAM", "P6M");

    @Test
    void usualRequest_whenPrimed_placesAHoldAndAuditsIt() {
        PrimingHttpClient aws = ManageRecordingPriming.aws(ENVIRONMENT);

        APIGatewayV2HTTPResponse answer = ManageRecordingPriming.usualRequest(ENVIRONMENT, aws);

        assertThat(answer.getStatusCode()).isEqualTo(201);
        assertThat(aws.answered()).as("the recording read, the hold claimed and written, the version locked and tagged held, the event audited")
                .contains("GetItem", "ListObjectVersions", "PutObjectLegalHold", "PutObjectTagging", "PutItem", "UpdateItem");
    }
}
