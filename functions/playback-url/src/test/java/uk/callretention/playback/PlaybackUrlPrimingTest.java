package uk.callretention.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.callretention.aws.PrimingHttpClient;

/** The priming request takes PlaybackUrl's usual path, over clients that send nothing. */
class PlaybackUrlPrimingTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "AWS_REGION", "eu-west-2",
            "RECORDINGS_BUCKET", "recordings",
            "CATALOGUE_TABLE", "catalogue",
            "AUDIT_TABLE", "audit",
            "ACCESS_REQUESTS_TABLE", "access-requests",
            "BROWSING_GUARD_TABLE", "browsing-guard",
            "HOLDS_TABLE", "holds",
            "CALLER_HASH_SECRET_ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:caller-hash",
            "RETENTION_PERIOD_ROTHERHAM", "P6M");

    @Test
    void usualRequest_whenPrimed_signsAPlaybackLinkAfterAuditingIt() {
        PrimingHttpClient aws = PlaybackUrlPriming.aws();

        APIGatewayV2HTTPResponse answer = PlaybackUrlPriming.usualRequest(ENVIRONMENT, aws);

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(answer.getBody()).contains("X-Amz-Signature");
        assertThat(aws.answered()).as("the recording read, a place taken in the browsing guard, the audit event written")
                .startsWith("GetItem").contains("UpdateItem", "PutItem").doesNotContain("GetSecretValue");
    }
}
