package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse.ResultCode;
import com.amazonaws.services.lambda.runtime.events.S3BatchResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Hold;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.PolicyReapplication;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.ProcessCrash;
import uk.callretention.testsupport.TestLambdaContext;

/**
 * The per-object handler of a policy re-application job, built from its template environment, on recordings catalogued
 * under an older Rutland policy (version 0) that meet the bundled one (version 1, P3M).
 */
@ExtendWith(LocalAwsExtension.class)
class ReapplyPolicyHandlerIntegrationTest {

    static final String FUNCTION = "ReapplyPolicyFunction";
    static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);
    static final LocalDate RECENTLY = TODAY.minusDays(20);
    static final LocalDate LONG_AGO = TODAY.minusDays(100);

    static LocalAws aws;
    static Recordings recordings;
    static ReapplyPolicyHandler handler;

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        handler = new ReapplyPolicyHandler(aws.environmentOf(FUNCTION));
    }

    @Test
    void handleRequest_whenDryRun_answersEachOutcomeAndChangesNothing() {
        Mixed mixed = mixed();
        CatalogueEntry keptLonger = mixed.keptLonger();
        CatalogueEntry nowDue = mixed.nowDue();

        S3BatchResponse response = run(true, mixed.all());

        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getResultCode).containsOnly(ResultCode.Succeeded);
        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getResultString)
                .containsExactly("later", "earlier,now-due", "unchanged", "later");
        assertThat(response.getInvocationSchemaVersion()).isEqualTo("2.0");
        assertThat(response.getTreatMissingKeysAs()).isEqualTo(ResultCode.PermanentFailure);
        assertThat(recordings.repositories().store().tags(keptLonger.objectKey(), keptLonger.versionId())).containsEntry(RecordingTags.RETENTION, "P1M");
        assertThat(recordings.current(keptLonger)).isEqualTo(keptLonger);
        assertThat(recordings.current(nowDue)).isEqualTo(nowDue);
        assertThat(recordings.repositories().audit().trailOf(keptLonger.recordingId())).isEmpty();
    }

    @Test
    void handleRequest_whenRealRun_retagsReclassifiesAndAuditsThenASecondRunFindsNothingToDo() {
        Mixed mixed = mixed();
        CatalogueEntry keptLonger = mixed.keptLonger();
        CatalogueEntry nowDue = mixed.nowDue();
        CatalogueEntry held = mixed.held();

        S3BatchResponse response = run(false, mixed.all());

        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getResultString)
                .containsExactly("later,applied", "earlier,now-due,applied", "unchanged", "later,applied");
        assertThat(recordings.repositories().store().tags(keptLonger.objectKey(), keptLonger.versionId()))
                .containsEntry(RecordingTags.RETENTION, "P3M")
                .containsEntry(RecordingTags.EXPIRES, RECENTLY.plusMonths(3).toString())
                .containsEntry(RecordingTags.POLICY, "rutland@1");
        assertThat(recordings.current(keptLonger)).extracting(CatalogueEntry::retentionClass, CatalogueEntry::expiresOn, CatalogueEntry::policyRef)
                .containsExactly("P3M", RECENTLY.plusMonths(3), "rutland@1");
        assertThat(recordings.repositories().catalogue().indexedUnder(ExpiryShard.of(TODAY, nowDue.recordingId())))
                .extracting(CatalogueEntry::recordingId).contains(nowDue.recordingId());
        assertThat(recordings.repositories().store().tags(held.objectKey(), held.versionId()))
                .containsEntry(RecordingTags.RETENTION, Hold.RETENTION_TAG)
                .containsEntry(RecordingTags.EXPIRES, RECENTLY.plusMonths(3).toString());
        assertThat(recordings.current(held).state()).isEqualTo(RecordingState.HELD);
        assertThat(recordings.repositories().audit().trailOf(keptLonger.recordingId())).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.POLICY_REAPPLIED);
            assertThat(event.outcome()).isEqualTo("allowed");
            assertThat(event.details()).containsEntry("fromExpiresOn", keptLonger.expiresOn().toString())
                    .containsEntry("toExpiresOn", RECENTLY.plusMonths(3).toString());
        });
        assertThat(recordings.repositories().audit().trailOf(mixed.unchanged().recordingId())).isEmpty();

        S3BatchResponse again = run(false, mixed.all());

        assertThat(again.getResults()).extracting(S3BatchResponse.Result::getResultString).containsOnly("unchanged");
        assertThat(recordings.repositories().audit().trailOf(keptLonger.recordingId())).hasSize(1);
    }

    @Test
    void handleRequest_whenARecordingWasCataloguedBeforeCallIdsWereIndexed_aRealRunFilesItUnderItsCallIdAndADryRunDoesNot() {
        CatalogueEntry old = recordings.catalogued(RecordingState.ACTIVE, "P3M", RECENTLY, RECENTLY.plusMonths(3), "rutland@1");
        DynamoDbClient dynamoDb = aws.clients().dynamoDb();
        String table = aws.stack().tableName("CatalogueTable");
        dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("recordingId", AttributeValue.fromS(old.recordingId())))
                .updateExpression("REMOVE councilCallId"));
        DynamoDbCatalogue catalogue = new DynamoDbCatalogue(dynamoDb, table);
        String callId = old.callId().orElseThrow();

        run(true, old);
        assertThat(catalogue.callRecordings("rutland", callId, Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"), 10)).isEmpty();

        assertThat(run(false, old).getResults()).extracting(S3BatchResponse.Result::getResultString).containsExactly("unchanged");
        assertThat(catalogue.callRecordings("rutland", callId, Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"), 10))
                .extracting(CatalogueEntry::recordingId).containsExactly(old.recordingId());
        assertThat(recordings.repositories().audit().trailOf(old.recordingId())).isEmpty();
    }

    @Test
    void handleRequest_whenKeysNeedEncoding_findsTheRecordingsTheManifestNamed() {
        List<CatalogueEntry> awkward = List.of(
                recordings.catalogued("call 0001 from reception.wav", RecordingState.ACTIVE, "P1M", RECENTLY, RECENTLY.plusMonths(1), "rutland@0"),
                recordings.catalogued("appel-été-ñ-日本.wav", RecordingState.ACTIVE, "P1M", RECENTLY, RECENTLY.plusMonths(1), "rutland@0"),
                recordings.catalogued("call+44+1572.wav", RecordingState.ACTIVE, "P1M", RECENTLY, RECENTLY.plusMonths(1), "rutland@0"));
        List<String> encoded = awkward.stream().map(entry -> URLEncoder.encode(entry.objectKey(), StandardCharsets.UTF_8)).toList();

        S3BatchResponse response = handler.handleRequest(BatchTasks.event(runId(), true, recordings.bucket(), encoded,
                awkward.stream().map(CatalogueEntry::versionId).toList()), context());

        assertThat(encoded.get(0)).contains("+");
        assertThat(encoded.get(2)).contains("%2B");
        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getResultString).containsOnly("later");
    }

    @Test
    void handleRequest_whenKeyIsNotCatalogued_failsThatTaskForGoodWithTheReason() {
        CatalogueEntry known = oneMonthUnderOldPolicy();

        S3BatchResponse response = handler.handleRequest(BatchTasks.event(runId(), true, recordings.bucket(),
                List.of("rutland/customer-services/phone/2020/01/01/never-uploaded.wav", known.objectKey()), List.of("v1", known.versionId())), context());

        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getResultCode)
                .containsExactly(ResultCode.PermanentFailure, ResultCode.Succeeded);
        assertThat(response.getResults().get(0).getResultString()).isEqualTo("not-catalogued: no recording is catalogued under this key");
    }

    @Test
    void handleRequest_whenTheRecordingChangedSinceTheManifest_skipsItAndSaysWhy() {
        CatalogueEntry reuploaded = recordings.activeOverAnOlderVersion(RECENTLY.plusMonths(3));
        String olderVersion = recordings.versionsOf(reuploaded.objectKey()).stream().map(version -> version.versionId())
                .filter(version -> !version.equals(reuploaded.versionId())).findFirst().orElseThrow();
        CatalogueEntry quarantined = recordings.quarantined(TODAY.plusDays(10));

        S3BatchResponse response = handler.handleRequest(BatchTasks.event(runId(), false, recordings.bucket(),
                encodedKeys(reuploaded, quarantined), List.of(olderVersion, quarantined.versionId())), context());

        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getResultCode).containsOnly(ResultCode.Succeeded);
        assertThat(response.getResults()).extracting(S3BatchResponse.Result::getResultString).containsExactly("superseded", "not-active");
        assertThat(recordings.current(quarantined)).isEqualTo(quarantined);
    }

    @Test
    void handleRequest_whenTaskNamesAnotherBucketOrTheJobNoDryRun_failsItForGood() {
        CatalogueEntry known = oneMonthUnderOldPolicy();
        S3BatchEventV2 elsewhere = BatchTasks.event(runId(), false, "someone-elses-bucket", List.of(known.objectKey()), List.of(known.versionId()));
        S3BatchEventV2 noDryRun = BatchTasks.event(runId(), false, recordings.bucket(), List.of(known.objectKey()), List.of(known.versionId()));
        noDryRun.getJob().setUserArguments(Map.of("runId", runId(), "dryRun", "perhaps"));

        assertThat(handler.handleRequest(elsewhere, context()).getResults()).singleElement()
                .extracting(S3BatchResponse.Result::getResultCode, S3BatchResponse.Result::getResultString)
                .containsExactly(ResultCode.PermanentFailure, "not the recordings bucket");
        assertThat(handler.handleRequest(noDryRun, context()).getResults()).singleElement()
                .extracting(S3BatchResponse.Result::getResultCode).isEqualTo(ResultCode.PermanentFailure);
        assertThat(recordings.current(known)).isEqualTo(known);
    }

    @Test
    void handleRequest_whenS3KeepsThrottling_answersTemporaryFailureAndClaimsNothingThenTheRetryApplies() {
        CatalogueEntry entry = oneMonthUnderOldPolicy();
        String runId = runId();
        Faults faults = Faults.seeded(9, 0.99, Fault.THROTTLED).onlyOn("PutObjectTagging");

        S3BatchResponse throttled = faults.call(() -> run(runId, false, entry));

        assertThat(throttled.getResults()).singleElement().satisfies(result -> {
            assertThat(result.getResultCode()).as(faults.summary()).isEqualTo(ResultCode.TemporaryFailure);
            assertThat(result.getResultString()).isEqualTo("AWS refused: SlowDown");
        });
        assertThat(recordings.current(entry)).isEqualTo(entry);
        assertThat(recordings.repositories().audit().trailOf(entry.recordingId())).extracting(AuditEvent::outcome).containsOnly(AuditEvent.PENDING);

        S3BatchResponse retried = run(runId, false, entry);

        assertThat(retried.getResults()).singleElement().extracting(S3BatchResponse.Result::getResultString).isEqualTo("later,applied");
        assertThat(recordings.current(entry).expiresOn()).isEqualTo(RECENTLY.plusMonths(3));
        assertThat(recordings.repositories().audit().trailOf(entry.recordingId())).extracting(AuditEvent::outcome)
                .containsExactly(AuditEvent.PENDING, "allowed");
    }

    @Test
    void handleRequest_whenTheFunctionDiesBeforeAnyCall_neverClaimsMoreThanHappenedAndTheRetryConverges() {
        Faults probe = Faults.none();
        probe.run(() -> run(runId(), false, oneMonthUnderOldPolicy()));
        int calls = probe.calls().size();

        for (int crashAt = 1; crashAt <= calls; crashAt++) {
            CatalogueEntry entry = oneMonthUnderOldPolicy();
            String runId = runId();
            try {
                Faults.crashingAt(crashAt).run(() -> run(runId, false, entry));
            } catch (ProcessCrash died) {
                // S3 Batch Operations sees the invocation fail and retries the task.
            }
            boolean reclassified = recordings.current(entry).expiresOn().equals(RECENTLY.plusMonths(3));
            if (reclassified) {
                assertThat(recordings.repositories().store().tags(entry.objectKey(), entry.versionId()))
                        .as("crash before call %d of %s: the catalogue claims no date the tags lack", crashAt, probe.calls())
                        .containsEntry(RecordingTags.EXPIRES, RECENTLY.plusMonths(3).toString());
            } else {
                assertThat(recordings.repositories().audit().trailOf(entry.recordingId())).extracting(AuditEvent::outcome)
                        .as("crash before call %d of %s: no event claims a change the catalogue does not show", crashAt, probe.calls())
                        .doesNotContain("allowed");
            }

            run(runId, false, entry);

            assertThat(recordings.current(entry).expiresOn()).isEqualTo(RECENTLY.plusMonths(3));
            assertThat(recordings.repositories().store().tags(entry.objectKey(), entry.versionId()))
                    .containsEntry(RecordingTags.EXPIRES, RECENTLY.plusMonths(3).toString());
        }
    }

    /** Recordings the bundled policy treats each its own way; held is kept longer too, and stays held. */
    record Mixed(CatalogueEntry keptLonger, CatalogueEntry nowDue, CatalogueEntry unchanged, CatalogueEntry held) {
        CatalogueEntry[] all() {
            return new CatalogueEntry[] {keptLonger, nowDue, unchanged, held};
        }
    }

    private static Mixed mixed() {
        return new Mixed(oneMonthUnderOldPolicy(),
                recordings.catalogued(RecordingState.ACTIVE, "P12M", LONG_AGO, LONG_AGO.plusMonths(12), "rutland@0"),
                recordings.catalogued(RecordingState.ACTIVE, "P3M", RECENTLY, RECENTLY.plusMonths(3), "rutland@1"),
                held(oneMonthUnderOldPolicy()));
    }

    @Test
    void handleRequest_whenAHoldIsPlacedWhileTheTagsAreWritten_answersTemporaryFailureAndTheRetryKeepsItHeld() {
        CatalogueEntry entry = oneMonthUnderOldPolicy();
        AtomicBoolean placed = new AtomicBoolean();
        BucketWithHooks bucket = new BucketWithHooks(recordings.repositories().store()).beforeTagging((version, tags) -> {
            if (placed.compareAndSet(false, true)) {
                held(entry);
            }
        });
        ReapplyPolicyHandler racing = new ReapplyPolicyHandler(new ReapplyPolicyFactory(new PolicyReapplication(PolicyBook.bundled(Map.of()),
                recordings.repositories().catalogue(), bucket, recordings.repositories().audit(), Clock.systemUTC()), recordings.bucket(),
                new LogLine(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), Clock.systemUTC()), Clock.systemUTC(), null));
        String runId = runId();

        S3BatchResponse raced = racing.handleRequest(BatchTasks.event(runId, false, recordings.bucket(), encodedKeys(entry), List.of(entry.versionId())),
                context());

        assertThat(raced.getResults()).singleElement().extracting(S3BatchResponse.Result::getResultCode, S3BatchResponse.Result::getResultString)
                .containsExactly(ResultCode.TemporaryFailure, "changed-meanwhile");
        assertThat(recordings.current(entry)).extracting(CatalogueEntry::state, CatalogueEntry::expiresOn)
                .containsExactly(RecordingState.HELD, entry.expiresOn());
        assertThat(recordings.repositories().audit().trailOf(entry.recordingId())).filteredOn(event -> event.action() == AuditAction.POLICY_REAPPLIED)
                .extracting(AuditEvent::outcome).containsExactly("changed-meanwhile");

        S3BatchResponse retried = racing.handleRequest(BatchTasks.event(runId, false, recordings.bucket(), encodedKeys(entry),
                List.of(entry.versionId())), context());

        assertThat(retried.getResults()).singleElement().extracting(S3BatchResponse.Result::getResultString).isEqualTo("later,applied");
        assertThat(recordings.current(entry)).extracting(CatalogueEntry::state, CatalogueEntry::expiresOn)
                .containsExactly(RecordingState.HELD, RECENTLY.plusMonths(3));
        assertThat(recordings.repositories().store().tags(entry.objectKey(), entry.versionId())).containsEntry(RecordingTags.RETENTION, Hold.RETENTION_TAG);
    }

    @Test
    void handleRequest_whenAJobStartedByHandNamesNoRun_auditsUnderTheJobsId() {
        CatalogueEntry entry = oneMonthUnderOldPolicy();
        S3BatchEventV2 byHand = BatchTasks.event(runId(), false, recordings.bucket(), encodedKeys(entry), List.of(entry.versionId()));
        byHand.getJob().setUserArguments(Map.of("dryRun", "false"));

        assertThat(handler.handleRequest(byHand, context()).getResults()).singleElement()
                .extracting(S3BatchResponse.Result::getResultString).isEqualTo("later,applied");
        assertThat(recordings.repositories().audit().trailOf(entry.recordingId())).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("runId", byHand.getJob().getId()));
    }

    private static CatalogueEntry oneMonthUnderOldPolicy() {
        return recordings.catalogued(RecordingState.ACTIVE, "P1M", RECENTLY, RECENTLY.plusMonths(1), "rutland@0");
    }

    private static CatalogueEntry held(CatalogueEntry entry) {
        recordings.repositories().holdService(PolicyBook.bundled(Map.of()), Clock.systemUTC())
                .place(new HoldRequest(entry.recordingId(), "police", "CRIME-1", "dpo-1", TODAY.plusDays(30)), unaudited -> { });
        return recordings.current(entry);
    }

    private static S3BatchResponse run(boolean dryRun, CatalogueEntry... entries) {
        return run(runId(), dryRun, entries);
    }

    private static S3BatchResponse run(String runId, boolean dryRun, CatalogueEntry... entries) {
        return handler.handleRequest(BatchTasks.event(runId, dryRun, recordings.bucket(), encodedKeys(entries),
                List.of(entries).stream().map(CatalogueEntry::versionId).toList()), context());
    }

    private static List<String> encodedKeys(CatalogueEntry... entries) {
        return List.of(entries).stream().map(entry -> URLEncoder.encode(entry.objectKey(), StandardCharsets.UTF_8)).toList();
    }

    private static String runId() {
        return "reapply-" + UUID.randomUUID();
    }

    private static TestLambdaContext context() {
        return TestLambdaContext.of(FUNCTION);
    }
}
