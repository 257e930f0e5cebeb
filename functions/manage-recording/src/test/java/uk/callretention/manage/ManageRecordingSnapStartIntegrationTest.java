package uk.callretention.manage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.http.ApiEvents;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SentRequests;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

/**
 * SnapStart's hooks on the manage function built as Lambda builds it, from the template's environment (at the local
 * server): priming before the snapshot touches nothing, and a hold is placed as before after a restore.
 */
@ExtendWith(LocalAwsExtension.class)
class ManageRecordingSnapStartIntegrationTest {

    static LocalAws aws;
    private static Uploads uploads;
    private static DynamoDbAuditLog audit;

    @BeforeAll
    static void stack() {
        uploads = new Uploads(aws);
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @BeforeEach
    void clearSent() {
        SentRequests.clear();
    }

    @Test
    void beforeCheckpoint_whenPrimed_sendsNothingToAwsAndPlacesNoHold() {
        ManageRecordingHandler handler = new ManageRecordingHandler(aws.environmentOf("ManageRecordingFunction"));
        int holds = itemsIn("HoldsTable");
        int auditItems = itemsIn("AuditTable");
        SentRequests.clear();

        handler.snapStart().beforeCheckpoint(null);

        assertThat(SentRequests.to(aws.endpoint())).isEmpty();
        assertThat(SentRequests.elsewhere(aws.endpoint())).as("the priming request, answered by the priming clients")
                .extracting(SentRequests.Sent::operation).contains("PutObjectLegalHold", "PutItem");
        assertThat(itemsIn("HoldsTable")).isEqualTo(holds);
        assertThat(itemsIn("AuditTable")).isEqualTo(auditItems);
    }

    @Test
    void hold_afterCheckpointAndRestore_isPlacedAndAuditedAsWithoutThem() throws Exception {
        ManageRecordingHandler handler = new ManageRecordingHandler(aws.environmentOf("ManageRecordingFunction"));
        CatalogueEntry recording = uploads.tagged("rutland/customer-services/phone/2026/11/20/snap-" + UUID.randomUUID() + ".wav",
                Map.of("recorded-at", "2026-11-20T10:00:00Z"));
        handler.snapStart().beforeCheckpoint(null);
        handler.snapStart().afterRestore(null);

        APIGatewayV2HTTPEvent placeHold = ApiEvents.signedIn(ManageRecordingHandler.PLACE_HOLD, Map.of(
                "sub", "snap-dpo-" + UUID.randomUUID(), "username", "snap-dpo", "cognito:groups", "[rutland:*:dpo]"), UUID.randomUUID().toString());
        placeHold.setPathParameters(Map.of("recordingId", recording.recordingId()));
        placeHold.setBody(JSON.std.asString(Map.of("reason", "complaint-or-dispute", "reference", "CMP-1", "reviewOn", LocalDate.now().plusMonths(1).toString())));
        APIGatewayV2HTTPResponse placed = handler.handleRequest(placeHold, TestLambdaContext.of("ManageRecordingFunction"));

        assertThat(placed.getStatusCode()).isEqualTo(201);
        assertThat(aws.clients().s3().getObjectLegalHold(b -> b.bucket(aws.stack().bucketName("RecordingsBucket")).key(recording.objectKey())
                .versionId(recording.versionId())).legalHold().statusAsString()).isEqualTo("ON");
        assertThat(audit.trailOf(recording.recordingId())).extracting(AuditEvent::action).contains(AuditAction.HOLD_PLACED);
    }

    private static int itemsIn(String table) {
        return aws.clients().dynamoDb().scan(b -> b.tableName(aws.stack().tableName(table))).count();
    }
}
