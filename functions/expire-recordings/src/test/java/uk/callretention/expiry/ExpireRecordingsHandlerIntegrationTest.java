package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** The handler as the template wires it: built from the function's environment, run as the schedule runs it. */
@ExtendWith(LocalAwsExtension.class)
class ExpireRecordingsHandlerIntegrationTest {

    static LocalAws aws;
    static ExpireRecordingsHandler handler;
    static Recordings recordings;
    static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        handler = new ExpireRecordingsHandler(aws.environmentOf(Recordings.FUNCTION));
        DynamoDbSweepProgress progress = new DynamoDbSweepProgress(aws.clients().dynamoDb(), aws.stack().tableName("SweepStateTable"));
        progress.claim("set-up", Instant.now(), Instant.now().plusSeconds(60));
        progress.release("set-up", TODAY.minusDays(1));
    }

    @Test
    void handleRequest_whenScheduledAndOnDemand_dryRunListsAndSweepDeletes() {
        CatalogueEntry due = recordings.active(TODAY);

        Map<String, Object> dryRun = handler.handleRequest(Map.of("dryRun", true), new TestContext(600_000));

        assertThat(dryRun).containsEntry("mode", "sweep").containsEntry("status", "COMPLETE").containsEntry("dryRun", true)
                .containsEntry("deleted", 0);
        assertThat(dryRun.get("wouldDelete")).asList().contains(due.recordingId());
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);

        Map<String, Object> swept = handler.handleRequest(Map.of("mode", "sweep"), new TestContext(600_000));

        assertThat(swept).containsEntry("status", "COMPLETE").containsEntry("deleted", 1).containsEntry("resumeFrom", TODAY.toString());
        assertThat(recordings.versionsOf(due.objectKey())).isEmpty();
    }

    @Test
    void handleRequest_whenLittleTimeIsLeft_stopsBeforeTakingOnWork() {
        CatalogueEntry due = recordings.active(TODAY);

        Map<String, Object> stopped = handler.handleRequest(Map.of(), new TestContext((int) ExpireRecordingsHandler.DEADLINE_MARGIN.toMillis() - 1));

        assertThat(stopped).containsEntry("status", "STOPPED_AT_DEADLINE").containsEntry("itemsRead", 0).containsEntry("deleted", 0);
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
    }

    @Test
    void handleRequest_whenPolicyReapplicationDryRunRequested_countsWithoutChanging() {
        Map<String, Object> report = handler.handleRequest(Map.of("mode", "reapply-policy", "dryRun", true, "council", "rutland"),
                new TestContext(600_000));

        assertThat(report).containsEntry("mode", "reapply-policy").containsEntry("complete", true).containsEntry("applied", 0);
    }

    @Test
    void handleRequest_whenInputIsWrong_answersWithAnErrorCode() {
        assertThat(handler.handleRequest(Map.of("today", TODAY.plusDays(1).toString()), new TestContext(600_000)))
                .containsEntry("error", "today-in-future");
        assertThat(handler.handleRequest(Map.of("mode", "purge"), new TestContext(600_000))).containsEntry("error", "unknown-mode");
        assertThat(handler.handleRequest(Map.of("dryRun", "yes"), new TestContext(600_000))).containsEntry("error", "dry-run-not-boolean");
        assertThat(handler.handleRequest(Map.of("mode", "reapply-policy", "council", "atlantis"), new TestContext(600_000)))
                .containsEntry("error", "unknown-council");
    }

    private record TestContext(int remainingMillis) implements Context {
        @Override
        public String getAwsRequestId() {
            return "test-request";
        }

        @Override
        public String getLogGroupName() {
            return "test";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return Recordings.FUNCTION;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-2:123456789012:function:" + Recordings.FUNCTION;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return remainingMillis;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
