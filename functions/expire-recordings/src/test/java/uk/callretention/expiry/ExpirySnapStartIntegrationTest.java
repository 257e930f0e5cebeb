package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.SentRequests;
import uk.callretention.testsupport.TestLambdaContext;

/**
 * SnapStart's hooks on expire-recordings' functions built as Lambda builds them, from the template's environment (at the
 * local server): priming before the snapshot touches nothing, and each function serves as before after a restore.
 */
@ExtendWith(LocalAwsExtension.class)
class ExpirySnapStartIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);

    static LocalAws aws;
    private static Recordings recordings;

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        DynamoDbSweepProgress progress = new DynamoDbSweepProgress(aws.clients().dynamoDb(), aws.stack().tableName("SweepStateTable"));
        progress.claim("set-up", Instant.now(), Instant.now().plusSeconds(60));
        progress.release("set-up", TODAY.minusDays(1), true);
    }

    @BeforeEach
    void clearSent() {
        SentRequests.clear();
    }

    @Test
    void beforeCheckpoint_ofEachFunction_sendsNothingToAwsAndChangesNoRecordingOrTable() {
        CatalogueEntry due = recordings.active(TODAY);
        ExpireRecordingsHandler expiry = new ExpireRecordingsHandler(aws.environmentOf(Recordings.FUNCTION));
        ReapplyPolicyHandler reapply = new ReapplyPolicyHandler(aws.environmentOf("ReapplyPolicyFunction"));
        Map<String, Integer> items = items();
        SentRequests.clear();

        expiry.snapStart().beforeCheckpoint(null);
        reapply.snapStart().beforeCheckpoint(null);

        assertThat(SentRequests.to(aws.endpoint())).isEmpty();
        assertThat(SentRequests.elsewhere(aws.endpoint())).as("the priming requests, answered by the priming clients")
                .extracting(SentRequests.Sent::operation).contains("GetItem", "PutObjectTagging");
        assertThat(items()).isEqualTo(items);
        assertThat(recordings.current(due)).isEqualTo(due);
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
    }

    @Test
    void eachFunction_afterCheckpointAndRestore_servesAsWithoutThem() {
        CatalogueEntry due = recordings.active(TODAY);
        ExpireRecordingsHandler expiry = new ExpireRecordingsHandler(aws.environmentOf(Recordings.FUNCTION));
        ReapplyPolicyHandler reapply = new ReapplyPolicyHandler(aws.environmentOf("ReapplyPolicyFunction"));
        for (var hooks : List.of(expiry.snapStart(), reapply.snapStart())) {
            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);
        }

        Map<String, Object> dryRun = expiry.handleRequest(Map.of("dryRun", true), TestLambdaContext.withRemaining(Recordings.FUNCTION, 600_000));
        S3BatchResponse task = reapply.handleRequest(BatchTasks.event("snap-run", true, recordings.bucket(),
                List.of(URLEncoder.encode(due.objectKey(), StandardCharsets.UTF_8).replace("%2F", "/")), List.of(due.versionId())),
                TestLambdaContext.of("ReapplyPolicyFunction"));

        assertThat(dryRun).containsEntry("status", "COMPLETE").containsEntry("dryRun", true);
        assertThat(dryRun.get("wouldDelete")).asList().contains(due.recordingId());
        assertThat(task.getResults()).singleElement().extracting(S3BatchResponse.Result::getResultCode).isEqualTo(S3BatchResponse.ResultCode.Succeeded);
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
    }

    private static Map<String, Integer> items() {
        return Map.of("CatalogueTable", itemsIn("CatalogueTable"), "AuditTable", itemsIn("AuditTable"), "SweepStateTable", itemsIn("SweepStateTable"),
                "HoldsTable", itemsIn("HoldsTable"));
    }

    private static int itemsIn(String table) {
        return aws.clients().dynamoDb().scan(b -> b.tableName(aws.stack().tableName(table))).count();
    }
}
