package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

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
import uk.callretention.testsupport.TestLambdaContext;

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
        progress.release("set-up", TODAY.minusDays(1), true);
    }

    @Test
    void handleRequest_whenScheduledAndOnDemand_dryRunListsAndSweepDeletes() {
        CatalogueEntry due = recordings.active(TODAY);

        Map<String, Object> dryRun = handler.handleRequest(Map.of("dryRun", true), withRemaining(600_000));

        assertThat(dryRun).containsEntry("mode", "sweep").containsEntry("status", "COMPLETE").containsEntry("dryRun", true)
                .containsEntry("deleted", 0);
        assertThat(dryRun.get("wouldDelete")).asList().contains(due.recordingId());
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);

        Map<String, Object> swept = handler.handleRequest(Map.of("mode", "sweep"), withRemaining(600_000));

        assertThat(swept).containsEntry("status", "COMPLETE").containsEntry("deleted", 1).containsEntry("resumeFrom", TODAY.toString());
        assertThat(recordings.versionsOf(due.objectKey())).isEmpty();
    }

    @Test
    void handleRequest_whenTheCatchUpScheduleFiresAfterAFinishedRun_doesNothing() {
        handler.handleRequest(Map.of("mode", "sweep"), withRemaining(600_000));
        CatalogueEntry due = recordings.active(TODAY);

        Map<String, Object> catchUp = handler.handleRequest(Map.of("mode", "sweep", "catchUp", true), withRemaining(600_000));

        assertThat(catchUp).containsEntry("status", "UP_TO_DATE").containsEntry("deleted", 0);
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
        // Leaves nothing due for the other tests' sweeps to count.
        assertThat(handler.handleRequest(Map.of("mode", "sweep"), withRemaining(600_000))).containsEntry("deleted", 1);
    }

    @Test
    void handleRequest_whenLittleTimeIsLeft_stopsBeforeTakingOnWork() {
        CatalogueEntry due = recordings.active(TODAY);

        Map<String, Object> stopped = handler.handleRequest(Map.of(), withRemaining((int) ExpireRecordingsHandler.DEADLINE_MARGIN.toMillis() - 1));

        assertThat(stopped).containsEntry("status", "STOPPED_AT_DEADLINE").containsEntry("itemsRead", 0).containsEntry("deleted", 0);
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
    }

    @Test
    void handleRequest_whenInputIsWrong_answersWithAnErrorCode() {
        assertThat(handler.handleRequest(Map.of("today", TODAY.plusDays(1).toString()), withRemaining(600_000)))
                .containsEntry("error", "today-in-future");
        assertThat(handler.handleRequest(Map.of("mode", "purge"), withRemaining(600_000))).containsEntry("error", "unknown-mode");
        assertThat(handler.handleRequest(Map.of("dryRun", "yes"), withRemaining(600_000))).containsEntry("error", "dry-run-not-boolean");
        assertThat(handler.handleRequest(Map.of("mode", "reapply-policy", "council", "atlantis"), withRemaining(600_000)))
                .containsEntry("error", "unknown-council");
        assertThat(handler.handleRequest(Map.of("mode", "reapply-report"), withRemaining(600_000))).containsEntry("error", "job-id-only-for-report");
        assertThat(handler.handleRequest(Map.of("mode", "sweep", "jobId", "1"), withRemaining(600_000))).containsEntry("error", "job-id-only-for-report");
        assertThat(handler.handleRequest(Map.of("catchUp", "yes"), withRemaining(600_000))).containsEntry("error", "catch-up-not-valid");
        assertThat(handler.handleRequest(Map.of("mode", "digest-audit", "catchUp", true), withRemaining(600_000)))
                .containsEntry("error", "catch-up-not-valid");
    }

    private static TestLambdaContext withRemaining(int millis) {
        return TestLambdaContext.withRemaining(Recordings.FUNCTION, millis);
    }
}
