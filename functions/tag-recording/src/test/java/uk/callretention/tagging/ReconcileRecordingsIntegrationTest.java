package uk.callretention.tagging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.AwsClients;
import uk.callretention.aws.DynamoDbAuditLog;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.Upload;
import uk.callretention.recording.UploadNotifications;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.Reconciliation;
import uk.callretention.retention.Sweep;
import uk.callretention.retention.SweepReport;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.ProcessCrash;
import uk.callretention.testsupport.TestLambdaContext;
import uk.callretention.testsupport.Uploads;

/**
 * Reconciliation against the local S3, SQS and DynamoDB of this class's stack, through the function's handler: the
 * upload path is broken on purpose (events dead-lettered or lost, tags taken off, an object deleted behind the
 * catalogue's back) and reconciliation must leave every recording as if nothing had gone wrong, for the sweep to
 * delete on its day. Reconciliation's clock runs three hours ahead, past the time it leaves new uploads to settle.
 */
@ExtendWith(LocalAwsExtension.class)
class ReconcileRecordingsIntegrationTest {

    private static final DateTimeFormatter KEY_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(3));
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "PutObjectTagging", "DeleteObject", "CopyObject",
            "PutObjectLegalHold", "DeleteMessage");

    static LocalAws aws;
    private static Uploads uploads;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String bucket;
    private static String uploadsQueue;
    private static String deadLetterQueue;
    private static DynamoDbCatalogue catalogue;
    private static DynamoDbAuditLog audit;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeAll
    static void stack() {
        uploads = new Uploads(aws);
        s3 = aws.clients().s3();
        sqs = aws.clients().sqs();
        bucket = aws.stack().bucketName("RecordingsBucket");
        uploadsQueue = aws.stack().queueUrl("UploadsQueue");
        deadLetterQueue = aws.stack().queueUrl("UploadsDeadLetterQueue");
        catalogue = new DynamoDbCatalogue(aws.clients().dynamoDb(), aws.stack().tableName("CatalogueTable"));
        audit = new DynamoDbAuditLog(aws.clients().dynamoDb(), aws.stack().tableName("AuditTable"));
    }

    @Test
    void reconcile_whenEventsWereDeadLetteredOrLostTagsRemovedAndAnObjectDeleted_leavesEachAsTaggingWouldAndTheSweepDeletesOnTheDay() {
        LocalDate recordedOn = today().minusDays(1);
        String prefix = "rutland/customer-services/phone/" + KEY_DATE.format(recordedOn) + "/";
        String deadLettered1 = prefix + "dead-lettered-1.wav";
        String deadLettered2 = prefix + "dead-lettered-2.wav";
        String deadLetteredQuarantine = prefix + "dead-lettered-not-an.mp3";
        String lost = prefix + "event-lost.wav";
        String untagged = prefix + "tags-removed.wav";
        String healthy = prefix + "healthy.wav";
        String healthyUnparseable = prefix + "a/key/that/does/not/parse.wav";
        String deleted = prefix + "deleted-behind-the-catalogue.wav";
        Map<String, Upload> uploaded = new HashMap<>();
        for (String key : List.of(deadLettered1, deadLettered2, deadLetteredQuarantine, lost, untagged, healthy, healthyUnparseable, deleted)) {
            uploaded.put(key, uploads.upload(key, Map.of()));
        }
        Map<String, String> events = takeUploadEvents(uploaded.keySet());
        for (String key : List.of(deadLettered1, deadLettered2, deadLetteredQuarantine)) {
            sqs.sendMessage(b -> b.queueUrl(deadLetterQueue).messageBody(events.get(key)));
        }
        for (String key : List.of(untagged, healthy, healthyUnparseable, deleted)) {
            uploads.tag(uploaded.get(key));
        }
        s3.deleteObjectTagging(b -> b.bucket(bucket).key(untagged));
        CatalogueEntry deletedEntry = entry(deleted);
        s3.deleteObject(b -> b.bucket(bucket).key(deleted).versionId(deletedEntry.versionId()));

        Map<String, Object> dryRun = handler().handleRequest(Map.of("dryRun", true), context());

        assertThat(dryRun).containsEntry("complete", true).containsEntry("repaired", 0).containsEntry("deadLettersLeft", 3)
                .containsEntry("found", Map.of("uncatalogued", 4, "untagged", 1, "missing-at-reconciliation", 1));
        assertThat(tags(untagged)).isEmpty();
        assertThat(catalogue.find(RecordingId.forKey(lost))).isEmpty();
        assertThat(deadLetters()).isEqualTo(3);

        Map<String, Object> report = handler().handleRequest(Map.of(), context());

        assertThat(report).containsEntry("complete", true).containsEntry("failed", 0).containsEntry("repaired", 6)
                .containsEntry("deadLettersHandled", 3).containsEntry("deadLettersLeft", 0)
                .containsEntry("found", Map.of("dead-lettered", 3, "uncatalogued", 1, "untagged", 1, "missing-at-reconciliation", 1));
        assertThat(deadLetters()).isZero();
        LocalDate expiresOn = recordedOn.plusMonths(3);
        for (String key : List.of(deadLettered1, deadLettered2, lost, untagged, healthy)) {
            CatalogueEntry entry = entry(key);
            assertThat(entry.state()).as(key).isEqualTo(RecordingState.ACTIVE);
            assertThat(entry.versionId()).as(key).isEqualTo(uploaded.get(key).versionId().orElseThrow());
            assertThat(entry.expiresOn()).as(key).isEqualTo(expiresOn);
            assertThat(tags(key)).as(key).containsEntry("retention", "P3M").containsEntry("expires", expiresOn.toString())
                    .containsEntry("council", "rutland");
        }
        LocalDate quarantineEnds = LocalDate.now(RetentionSchedule.UK).plusDays(30);
        assertThat(entry(deadLetteredQuarantine).state()).isEqualTo(RecordingState.QUARANTINED);
        assertThat(tags(deadLetteredQuarantine)).containsEntry("retention", "quarantine").containsEntry("quarantine", "content-mismatch")
                .containsEntry("expires", quarantineEnds.toString());
        assertThat(tombstone(deletedEntry)).containsEntry("state", AttributeValue.fromS("DELETED"))
                .containsEntry("deletionReason", AttributeValue.fromS("missing-at-reconciliation")).doesNotContainKey("objectKey");
        assertThat(reconciled(deleted)).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo("allowed");
            assertThat(event.actor()).isEqualTo(Reconciliation.ACTOR);
            assertThat(event.details()).containsEntry("problem", "missing-at-reconciliation");
        });
        assertThat(reconciled(deadLettered1)).singleElement().satisfies(event -> assertThat(event.details()).containsEntry("problem", "dead-lettered"));
        assertThat(reconciled(lost)).singleElement().satisfies(event -> assertThat(event.details()).containsEntry("problem", "uncatalogued"));
        assertThat(reconciled(untagged)).singleElement().satisfies(event -> assertThat(event.details()).containsEntry("problem", "untagged"));
        assertThat(reconciled(healthy)).isEmpty();
        assertThat(reconciled(healthyUnparseable)).isEmpty();
        assertThat(entry(healthyUnparseable).quarantineReason()).isEqualTo("key-unparseable");
        assertThat(logged.toString(UTF_8)).contains("\"RecordingsReconciled\":1").contains("\"Council\":\"rutland\"")
                .contains("\"problem\":\"dead-lettered\"").contains("\"problem\":\"missing-at-reconciliation\"");

        logged.reset();
        Map<String, Object> replay = handler().handleRequest(Map.of(), context());

        assertThat(replay).containsEntry("complete", true).containsEntry("repaired", 0).containsEntry("found", Map.of())
                .containsEntry("deadLettersHandled", 0);
        assertThat(logged.toString(UTF_8)).doesNotContain("RecordingsReconciled\":1");
        assertThat(reconciled(lost)).hasSize(1);
        assertThat(entry(lost).versionId()).isEqualTo(uploaded.get(lost).versionId().orElseThrow());

        Sweep sweep = sweep();
        assertThat(sweepOn(sweep, quarantineEnds.minusDays(1)).deleted()).isZero();
        assertThat(sweepOn(sweep, quarantineEnds).deleted()).isEqualTo(2);
        assertThat(versions(deadLetteredQuarantine)).isEmpty();
        assertThat(versions(healthyUnparseable)).isEmpty();
        assertThat(sweepOn(sweep, expiresOn.minusDays(1)).deleted()).isZero();
        for (String key : List.of(deadLettered1, deadLettered2, lost, untagged, healthy)) {
            assertThat(versions(key)).as("kept the day before: " + key).hasSize(1);
        }
        assertThat(sweepOn(sweep, expiresOn).deleted()).isEqualTo(5);
        for (String key : List.of(deadLettered1, deadLettered2, lost, untagged, healthy)) {
            assertThat(versions(key)).as("deleted on the day: " + key).isEmpty();
        }
    }

    @Test
    void reconcile_whenADeadLetterIsNoUploadEvent_leavesItInTheQueueAndHandlesTheOthers() {
        // Dated so that it falls due on none of the days the first test sweeps.
        String key = "south-hams/contact-centre/phone/" + KEY_DATE.format(today().minusDays(20)) + "/dead-lettered-beside-junk.wav";
        Upload upload = uploads.upload(key, Map.of());
        String event = takeUploadEvents(Set.of(key)).get(key);
        sqs.sendMessage(b -> b.queueUrl(deadLetterQueue).messageBody("{\"not\": \"an S3 event\"}"));
        sqs.sendMessage(b -> b.queueUrl(deadLetterQueue).messageBody(event));
        LocalDate quiet = today().minusDays(40);

        Map<String, Object> report = handler().handleRequest(Map.of("from", quiet.toString(), "to", quiet.toString()), context());

        assertThat(report).containsEntry("deadLettersHandled", 1).containsEntry("deadLettersLeft", 1);
        assertThat(entry(key).versionId()).isEqualTo(upload.versionId().orElseThrow());
        assertThat(deadLetters()).isEqualTo(1);
        assertThat(logged.toString(UTF_8)).contains("it is not an S3 event notification");
        sqs.purgeQueue(b -> b.queueUrl(deadLetterQueue));
    }

    @Test
    void reconcile_whenItCrashesBeforeAnyWrite_claimsNothingItDidNotDoAndTheNextRunFinishes() {
        // Outside the default window, and due (P40D) on none of the days the first test sweeps.
        LocalDate day = today().minusDays(12);
        Map<String, Object> window = Map.of("from", day.toString(), "to", day.toString());
        Problems probe = problemsOn(day);
        Faults steps = Faults.none();
        ReconcileRecordingsHandler probing = oneAtATime();
        steps.run(() -> probing.handleRequest(window, context()));
        probe.assertPutRight();
        List<String> calls = steps.calls();
        int crashes = 0;
        for (int call = 1; call <= calls.size(); call++) {
            if (!WRITES.contains(calls.get(call - 1))) {
                continue;
            }
            Problems problems = problemsOn(day);
            Faults crash = Faults.crashingAt(call);
            ReconcileRecordingsHandler crashing = oneAtATime();
            try {
                crash.run(() -> crashing.handleRequest(window, context()));
            } catch (ProcessCrash died) {
                crashes++;
            }
            problems.assertClaimsNothingUndone();

            assertThat(handler().handleRequest(window, context())).as(crash.summary()).containsEntry("complete", true).containsEntry("failed", 0);
            problems.assertPutRight();
        }
        assertThat(crashes).isGreaterThanOrEqualTo(10);
        System.out.printf("reconciliation crashes: died before each of its %d writes (%d calls in all), each finished by the next run%n",
                crashes, calls.size());
    }

    @Test
    void reconcile_whenAwsFailsDuringRepairs_claimsNothingUndoneAndTheNextRunFinishes() {
        // Due (P40D) on none of the days the first test sweeps.
        LocalDate day = today().minusDays(14);
        Map<String, Object> window = Map.of("from", day.toString(), "to", day.toString());
        int injected = 0;
        int runsFailed = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Problems problems = problemsOn(day);
            Faults faults = Faults.seeded(seed, 0.3, Fault.THROTTLED, Fault.SERVER_ERROR, Fault.CONNECTION_RESET, Fault.RESPONSE_LOST);
            ReconcileRecordingsHandler faulted = oneAtATime();
            try {
                faults.run(() -> faulted.handleRequest(window, context()));
            } catch (RuntimeException failedRun) {
                // A read the run cannot do without (a listing, a catalogue page) failed after the SDK's retries: Lambda
                // reports the invocation failed, and the next run starts again.
                runsFailed++;
            }
            injected += faults.injected();
            problems.assertClaimsNothingUndone();

            assertThat(handler().handleRequest(window, context())).as(faults.summary()).containsEntry("complete", true).containsEntry("failed", 0);
            problems.assertPutRight();
        }
        assertThat(injected).isGreaterThan(0);
        System.out.printf("reconciliation under faults: 4 seeds at rate 0.3, %d faults injected, %d runs failed, each finished by the next run%n",
                injected, runsFailed);
    }

    @Test
    void reconcile_whenTheDeadlineIsNear_stopsBeforeTheFirstPrefixAndSaysWhere() {
        Map<String, Object> report = handler().handleRequest(Map.of("days", 1),
                TestLambdaContext.withRemaining("ReconcileRecordingsFunction", 30_000));

        assertThat(report).containsEntry("complete", false).containsEntry("prefixesListed", 0);
        assertThat((String) report.get("stoppedAt")).matches("[a-z0-9-]+/[a-z0-9-]+/(phone|webchat)/\\d{4}/\\d{2}/\\d{2}/");
    }

    static Stream<Arguments> badInput() {
        String tomorrow = today().plusDays(1).toString();
        return Stream.of(
                Arguments.of(Map.of("day", 3), "unknown-field"),
                Arguments.of(Map.of("days", 0), "days-invalid"),
                Arguments.of(Map.of("days", 32), "days-invalid"),
                Arguments.of(Map.of("days", 2.5), "days-invalid"),
                Arguments.of(Map.of("days", "3"), "days-invalid"),
                Arguments.of(Map.of("dryRun", "yes"), "dry-run-invalid"),
                Arguments.of(Map.of("days", 3, "from", "2026-11-01"), "days-or-dates"),
                Arguments.of(Map.of("from", "2026-11-01"), "dates-invalid"),
                Arguments.of(Map.of("from", "2026-11-05", "to", "2026-11-01"), "dates-invalid"),
                Arguments.of(Map.of("from", "2026-13-01", "to", "2026-13-02"), "dates-invalid"),
                Arguments.of(Map.of("from", "2026-01-01", "to", "2026-03-01"), "dates-invalid"),
                Arguments.of(Map.of("from", tomorrow, "to", tomorrow), "dates-invalid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void handleRequest_whenInputIsBad_answersWithAClearErrorAndDoesNothing(Map<String, Object> input, String error) {
        Map<String, Object> answer = handler().handleRequest(input, context());

        assertThat(answer).containsEntry("error", error).containsKey("message").doesNotContainKey("runId");
        assertThat(logged.toString(UTF_8)).isEmpty();
    }

    /** One recording uncatalogued, one untagged, one catalogued without its object, each on the day given. */
    private Problems problemsOn(LocalDate day) {
        String prefix = "newark-sherwood/housing-services/phone/" + KEY_DATE.format(day) + "/" + UUID.randomUUID() + "-";
        Upload lost = uploads.upload(prefix + "lost.wav", Map.of());
        Upload untagged = uploads.upload(prefix + "untagged.wav", Map.of());
        uploads.tag(untagged);
        s3.deleteObjectTagging(b -> b.bucket(bucket).key(untagged.key()));
        Upload gone = uploads.upload(prefix + "gone.wav", Map.of());
        CatalogueEntry goneEntry = uploads.tag(gone);
        s3.deleteObject(b -> b.bucket(bucket).key(gone.key()).versionId(goneEntry.versionId()));
        return new Problems(lost, untagged, goneEntry);
    }

    /** What reconciliation is to put right, and what may be claimed of it at any moment. */
    private record Problems(Upload lost, Upload untagged, CatalogueEntry gone) {

        /** Every audit event says what was done or is pending; a tombstone is only for what is gone. */
        void assertClaimsNothingUndone() {
            for (Upload upload : List.of(lost, untagged)) {
                for (AuditEvent event : reconciled(upload.key())) {
                    if (event.outcome().equals("allowed")) {
                        assertThat(tags(upload.key())).as(upload.key()).containsKeys("retention", "expires");
                        assertThat(entry(upload.key()).versionId()).isEqualTo(upload.versionId().orElseThrow());
                    } else {
                        assertThat(event.outcome()).isEqualTo(AuditEvent.PENDING);
                    }
                }
                catalogue.find(RecordingId.forKey(upload.key())).ifPresent(entry -> assertThat(entry.state()).isEqualTo(RecordingState.ACTIVE));
            }
            assertThat(reconciled(gone.objectKey())).allSatisfy(event -> assertThat(event.outcome()).isIn(AuditEvent.PENDING, "allowed"));
        }

        /**
         * Put right and audited; the event of a repair cut short after its last write stays pending (the trail claims
         * nothing it does not know), and no repair is done, or claimed, twice.
         */
        void assertPutRight() {
            for (Upload upload : List.of(lost, untagged)) {
                assertThat(tags(upload.key())).as(upload.key()).containsEntry("retention", "P40D");
                assertThat(entry(upload.key()).state()).isEqualTo(RecordingState.ACTIVE);
                assertAuditedOnce(upload.key());
            }
            assertThat(catalogue.find(gone.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.DELETED);
            assertAuditedOnce(gone.objectKey());
        }

        private static void assertAuditedOnce(String key) {
            assertThat(reconciled(key)).as(key).isNotEmpty();
            assertThat(reconciled(key)).as(key).filteredOn(event -> event.outcome().equals("allowed")).hasSizeLessThanOrEqualTo(1);
        }
    }

    /** The function as the template configures it (checks made 8 at once). */
    private ReconcileRecordingsHandler handler() {
        return handler(aws.environmentOf("ReconcileRecordingsFunction"));
    }

    /** One check at a time, on the test's thread, where {@link Faults} reach every call. */
    private ReconcileRecordingsHandler oneAtATime() {
        Map<String, String> environment = new HashMap<>(aws.environmentOf("ReconcileRecordingsFunction"));
        environment.put("RECONCILE_CONCURRENCY", "1");
        return handler(environment);
    }

    private ReconcileRecordingsHandler handler(Map<String, String> environment) {
        return new ReconcileRecordingsHandler(TagRecordingFactory.reconciling(AwsClients.fromEnvironment(environment), environment,
                new PrintStream(logged, true, UTF_8), LATER), LATER, environment);
    }

    private static TestLambdaContext context() {
        return TestLambdaContext.withRemaining("ReconcileRecordingsFunction", 900_000);
    }

    private static LocalDate today() {
        return LocalDate.now(LATER.withZone(RetentionSchedule.UK));
    }

    /** The S3 notifications of these uploads, taken off the uploads queue (with whatever else was on it) as the tagger would. */
    private static Map<String, String> takeUploadEvents(Set<String> keys) {
        Map<String, String> events = new HashMap<>();
        Instant giveUp = Instant.now().plusSeconds(30);
        while (!events.keySet().containsAll(keys) && Instant.now().isBefore(giveUp)) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(uploadsQueue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                UploadNotifications.parse(message.body())
                        .forEach(upload -> events.put(upload.key(), message.body()));
                sqs.deleteMessage(b -> b.queueUrl(uploadsQueue).receiptHandle(message.receiptHandle()));
            }
        }
        assertThat(events.keySet()).containsAll(keys);
        return events;
    }

    private static int deadLetters() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterQueue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static CatalogueEntry entry(String key) {
        return catalogue.find(RecordingId.forKey(key)).orElseThrow(() -> new AssertionError("not catalogued: " + key));
    }

    private static Map<String, String> tags(String key) {
        Map<String, String> tags = new HashMap<>();
        for (Tag tag : s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    private static List<ObjectVersion> versions(String key) {
        return s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions().stream().filter(v -> v.key().equals(key)).toList();
    }

    private static List<AuditEvent> reconciled(String key) {
        return audit.trailOf(RecordingId.forKey(key)).stream().filter(event -> event.action() == AuditAction.RECONCILED).toList();
    }

    private static Map<String, AttributeValue> tombstone(CatalogueEntry entry) {
        return aws.clients().dynamoDb().getItem(b -> b.tableName(aws.stack().tableName("CatalogueTable"))
                .key(Map.of("recordingId", AttributeValue.fromS(entry.recordingId()))).consistentRead(true)).item();
    }

    /** The expiry function's sweep over this stack, as ExpireRecordingsFactory wires it. */
    private Sweep sweep() {
        Map<String, String> environment = aws.environmentOf("ExpireRecordingsFunction");
        RetentionRepositories repositories = RetentionRepositories.fromEnvironment(s3, aws.clients().dynamoDb(), environment);
        DynamoDbSweepProgress progress = new DynamoDbSweepProgress(aws.clients().dynamoDb(), aws.stack().tableName("SweepStateTable"));
        return repositories.sweep(progress, PolicyBook.bundled(environment), new LogLine(new PrintStream(logged, true, UTF_8), Clock.systemUTC()),
                Clock.systemUTC(), Integer.parseInt(environment.get("SWEEP_CONCURRENCY")));
    }

    /** A sweep on that UK day, the days before it already swept. */
    private static SweepReport sweepOn(Sweep sweep, LocalDate day) {
        DynamoDbSweepProgress progress = new DynamoDbSweepProgress(aws.clients().dynamoDb(), aws.stack().tableName("SweepStateTable"));
        String setUp = "set-up-" + UUID.randomUUID();
        assertThat(progress.claim(setUp, Instant.now(), Instant.now().plusSeconds(60))).isTrue();
        progress.release(setUp, day, true);
        SweepReport report = sweep.run(day, false, Deadline.NONE);
        assertThat(report.status()).isEqualTo(SweepReport.Status.COMPLETE);
        return report;
    }
}
