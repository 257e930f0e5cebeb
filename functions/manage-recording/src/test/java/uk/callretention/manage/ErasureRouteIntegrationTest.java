package uk.callretention.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

        Map<String, Object> answer = erase(recording, "rutland:*:dpo");

        assertThat(answer).containsEntry("statusCode", 200);
        Map<String, Object> body = JSON.std.mapFrom((String) answer.get("body"));
        assertThat(body).containsEntry("recordingId", recording.recordingId()).containsEntry("versionsDeleted", 1)
                .containsKeys("erasedOn", "trainingCopies");
        assertThat(versionsOf(recording)).isZero();
        assertThat(audit.trailOf(recording.recordingId())).extracting(AuditEvent::action).contains(AuditAction.ERASED);
    }

    @Test
    void erasure_whenAManagerAsks_isRefusedAndErasesNothing() throws Exception {
        CatalogueEntry recording = recording();

        Map<String, Object> answer = erase(recording, "rutland:customer-services:manager");

        assertThat(answer).containsEntry("statusCode", 403);
        assertThat(versionsOf(recording)).isOne();
    }

    private static CatalogueEntry recording() {
        return uploads.tagged("rutland/customer-services/phone/2026/11/20/erasure-" + UUID.randomUUID() + ".wav",
                Map.of("recorded-at", "2026-11-20T10:00:00Z"));
    }

    /** The sample HTTP API request, sent to the erasure route for {@code recording} by a member of {@code group}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> erase(CatalogueEntry recording, String group) throws Exception {
        Map<String, Object> event = JSON.std.mapFrom(SampleEvents.read("http-api-request.json"));
        String path = "/recordings/" + recording.recordingId() + "/erasure";
        event.put("routeKey", ManageRecordingHandler.ERASE);
        event.put("rawPath", path);
        event.put("pathParameters", Map.of("recordingId", recording.recordingId()));
        event.put("body", "{\"reference\": \"SAR-2026-0042\"}");
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        context.put("routeKey", ManageRecordingHandler.ERASE);
        ((Map<String, Object>) context.get("http")).put("path", path);
        Map<String, Object> claims = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) context.get("authorizer")).get("jwt")).get("claims");
        claims.put("cognito:groups", "[" + group + "]");
        return handler.handleRequest(event, TestLambdaContext.of("ManageRecordingFunction"));
    }

    private static int versionsOf(CatalogueEntry recording) {
        return aws.clients().s3().listObjectVersions(b -> b.bucket(aws.stack().bucketName("RecordingsBucket")).prefix(recording.objectKey()))
                .versions().size();
    }
}
