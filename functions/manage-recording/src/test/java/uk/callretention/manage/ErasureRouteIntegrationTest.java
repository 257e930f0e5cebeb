package uk.callretention.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SampleEvents;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

/**
 * {@code POST /recordings/{recordingId}/erasure} through the function's handler and production wiring: the DPO's request
 * erases every version and is answered with what was erased; anyone else is refused and nothing is erased.
 */
@ExtendWith(LocalAwsExtension.class)
class ErasureRouteIntegrationTest {

    static LocalAws aws;
    private static ManageRecordingHandler handler;
    private static Uploads uploads;
    private static DynamoDbAuditLog audit;

    @BeforeAll
    static void startFunction() {
        Map<String, String> environment = aws.environmentOf("ManageRecordingFunction");
        handler = new ManageRecordingHandler(ManageRecordingFactory.fromEnvironment(environment,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        uploads = new Uploads(aws);
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @Test
    void erasure_whenTheDpoAsks_erasesEveryVersionAndAnswersWithWhatWasErased() throws Exception {
        CatalogueEntry recording = recording();

        APIGatewayV2HTTPResponse answer = erase(recording, "rutland:*:dpo");

        assertThat(answer.getStatusCode()).isEqualTo(200);
        Map<String, Object> body = JSON.std.mapFrom(answer.getBody());
        assertThat(body).containsEntry("recordingId", recording.recordingId()).containsEntry("versionsDeleted", 1)
                .containsKeys("erasedOn", "trainingCopies");
        assertThat(versionsOf(recording)).isZero();
        assertThat(audit.trailOf(recording.recordingId())).extracting(AuditEvent::action).contains(AuditAction.ERASED);
    }

    @Test
    void erasure_whenAManagerAsks_isRefusedAndErasesNothing() throws Exception {
        CatalogueEntry recording = recording();

        APIGatewayV2HTTPResponse answer = erase(recording, "rutland:customer-services:manager");

        assertThat(answer.getStatusCode()).isEqualTo(403);
        assertThat(versionsOf(recording)).isOne();
    }

    private static CatalogueEntry recording() {
        return uploads.tagged("rutland/customer-services/phone/2026/11/20/erasure-" + UUID.randomUUID() + ".wav",
                Map.of("recorded-at", "2026-11-20T10:00:00Z"));
    }

    /** The sample HTTP API request, sent to the erasure route for {@code recording} by a member of {@code group}. */
    private static APIGatewayV2HTTPResponse erase(CatalogueEntry recording, String group) {
        APIGatewayV2HTTPEvent event = SampleEvents.load("http-api-request.json", APIGatewayV2HTTPEvent.class);
        String path = "/recordings/" + recording.recordingId() + "/erasure";
        event.setRouteKey(ManageRecordingHandler.ERASE);
        event.setRawPath(path);
        event.setPathParameters(Map.of("recordingId", recording.recordingId()));
        event.setBody("{\"reference\": \"SAR-2026-0042\"}");
        event.getRequestContext().setRouteKey(ManageRecordingHandler.ERASE);
        event.getRequestContext().getHttp().setPath(path);
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("cognito:groups", "[" + group + "]");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return handler.handleRequest(event, TestLambdaContext.of("ManageRecordingFunction"));
    }

    private static int versionsOf(CatalogueEntry recording) {
        return aws.clients().s3().listObjectVersions(b -> b.bucket(aws.stack().bucketName("RecordingsBucket")).prefix(recording.objectKey()))
                .versions().size();
    }
}
