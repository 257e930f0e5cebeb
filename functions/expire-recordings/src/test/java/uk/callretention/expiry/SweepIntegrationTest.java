package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.HoldOutcome;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;
import uk.callretention.retention.Sweep;
import uk.callretention.retention.SweepReport;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The sweep against the local S3 and DynamoDB of this class's stack. Each test sweeps its own window of days, so
 * the tests share the stack without seeing each other's recordings.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepIntegrationTest {

    static LocalAws aws;
    static Recordings recordings;
    static RetentionRepositories repositories;
    static DynamoDbSweepProgress progress;
    static PolicyBook policies;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        repositories = recordings.repositories();
        progress = new DynamoDbSweepProgress(aws.clients().dynamoDb(), aws.stack().tableName("SweepStateTable"));
        policies = PolicyBook.bundled(Map.of());
    }

    @Test
    void sweep_whenRecordingsAreDue_deletesExactlyTheDueUnheldOnesWithEveryVersion() {
        LocalDate today = LocalDate.of(2025, 1, 10);
        sweptUpTo(today.minusDays(2));
        CatalogueEntry dueToday = recordings.active(today);
        recordings.upload(dueToday.objectKey(), RecordingTags.of(dueToday));
        recordings.deleteMarker(dueToday.objectKey());
        CatalogueEntry quarantinedDueYesterday = recordings.quarantined(today.minusDays(1));
        CatalogueEntry dueTomorrow = recordings.active(today.plusDays(1));
        CatalogueEntry held = recordings.active(today.minusDays(1));
        assertThat(holds().place(new HoldRequest(held.recordingId(), "complaint-or-dispute", "CMP-1", "dpo-1", realToday().plusDays(30)), unaudited -> { }))
                .isInstanceOf(HoldOutcome.Placed.class);
        String sibling = dueToday.objectKey() + ".bak";
        recordings.upload(sibling, Map.of());

        SweepReport first = sweep().run(today, false, Deadline.NONE);

        assertThat(first.status()).isEqualTo(SweepReport.Status.COMPLETE);
        assertThat(first.itemsRead()).isEqualTo(2);
        assertThat(first.deleted()).isEqualTo(2);
        assertThat(first.versionsDeleted()).isEqualTo(3);
        assertThat(recordings.versionsOf(dueToday.objectKey())).isEmpty();
        assertThat(recordings.versionsOf(quarantinedDueYesterday.objectKey())).isEmpty();
        assertThat(recordings.versionsOf(dueTomorrow.objectKey())).hasSize(1);
        assertThat(recordings.versionsOf(held.objectKey())).hasSize(1);
        assertThat(recordings.versionsOf(sibling)).hasSize(1);
        assertThat(recordings.current(dueTomorrow).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(recordings.current(held).state()).isEqualTo(RecordingState.HELD);
        assertThat(tombstone(dueToday)).containsOnlyKeys("recordingId", "versionId", "state", "council", "team", "channel", "recordedOn",
                "retentionClass", "expiresOn", "policyRef", "deletedOn", "deletionReason");
        assertThat(tombstone(dueToday)).containsEntry("state", AttributeValue.fromS("DELETED"))
                .containsEntry("deletedOn", AttributeValue.fromS(today.toString()))
                .containsEntry("deletionReason", AttributeValue.fromS("retention-expired"));
        assertThat(tombstone(quarantinedDueYesterday)).containsEntry("deletionReason", AttributeValue.fromS("quarantine-expired"));
        assertThat(deletions(dueToday)).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(Sweep.ACTOR);
            assertThat(event.details()).containsEntry("reason", "retention-expired").containsEntry("versionsDeleted", "2")
                    .doesNotContainKeys("callerHash", "agent", "objectKey");
        });
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"RecordingsDeleted\":1").doesNotContain("caller-hash-1", "agent-7");

        SweepReport second = sweep().run(today, false, Deadline.NONE);

        assertThat(second.itemsRead()).isZero();
        assertThat(second.deleted()).isZero();
        assertThat(recordings.versionsOf(dueTomorrow.objectKey())).hasSize(1);
        assertThat(deletions(dueToday)).hasSize(1);
    }

    @Test
    void dryRun_whenRecordingsAreDue_listsThemAndDeletesNothing() {
        LocalDate today = LocalDate.of(2025, 2, 10);
        sweptUpTo(today.minusDays(1));
        CatalogueEntry due = recordings.active(today.minusDays(1));

        SweepReport report = sweep().run(today, true, Deadline.NONE);

        assertThat(report.wouldDelete()).containsExactly(due.recordingId());
        assertThat(report.deleted()).isZero();
        assertThat(report.resumeFrom()).isNull();
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
        assertThat(recordings.current(due).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(deletions(due)).isEmpty();
        assertThat(progress.oldestNotSwept()).contains(today.minusDays(1));
    }

    @Test
    void sweep_whenHeldRecordingIsReleased_deletesItAtTheFirstSweepAfter() {
        LocalDate today = realToday();
        sweptUpTo(today.minusDays(1));
        CatalogueEntry recording = recordings.active(today.minusDays(10));
        HoldService holds = holds();
        HoldOutcome.Placed complaint = (HoldOutcome.Placed) holds.place(
                new HoldRequest(recording.recordingId(), "complaint-or-dispute", "CMP-2", "manager-1", today.plusDays(30)), unaudited -> { });
        HoldOutcome.Placed police = (HoldOutcome.Placed) holds.place(
                new HoldRequest(recording.recordingId(), "police", "CRIME-9", "dpo-1", today.plusDays(60)), unaudited -> { });

        sweep().run(today, false, Deadline.NONE);
        HoldOutcome firstRelease = holds.release(recording.recordingId(), complaint.hold().holdId(), "manager-1", unaudited -> { });
        sweep().run(today, false, Deadline.NONE);

        assertThat(firstRelease).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.stillHeld()).isTrue());
        assertThat(recordings.versionsOf(recording.objectKey())).hasSize(1);

        HoldOutcome lastRelease = holds.release(recording.recordingId(), police.hold().holdId(), "dpo-1", unaudited -> { });
        SweepReport after = sweep().run(today, false, Deadline.NONE);

        assertThat(lastRelease).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.dueOn()).isEqualTo(today));
        assertThat(after.deleted()).isEqualTo(1);
        assertThat(recordings.versionsOf(recording.objectKey())).isEmpty();
        assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.DELETED);
    }

    @Test
    void sweep_whenS3RefusesAVersion_retriesThenKeepsItDueForTheNextSweep() {
        LocalDate today = LocalDate.of(2025, 3, 10);
        sweptUpTo(today.minusDays(1));
        CatalogueEntry refused = recordings.active(today);
        CatalogueEntry deletable = recordings.active(today);
        // Placed behind the sweep's back, after its re-check: only the delete itself meets the lock.
        setLegalHold(refused, ObjectLockLegalHoldStatus.ON);
        CountingStore store = new CountingStore(repositories.store(), true);

        SweepReport report = sweep(store).run(today, false, Deadline.NONE);

        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(store.deleteCalls).hasValue(3);
        assertThat(recordings.versionsOf(deletable.objectKey())).isEmpty();
        assertThat(recordings.versionsOf(refused.objectKey())).hasSize(1);
        assertThat(recordings.current(refused).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(deletions(refused)).isEmpty();
        assertThat(repositories.catalogue().indexedUnder(ExpiryShard.of(today, refused.recordingId())))
                .extracting(CatalogueEntry::recordingId).contains(refused.recordingId());

        setLegalHold(refused, ObjectLockLegalHoldStatus.OFF);
        SweepReport next = sweep().run(today, false, Deadline.NONE);

        assertThat(next.deleted()).isEqualTo(1);
        assertThat(recordings.versionsOf(refused.objectKey())).isEmpty();
    }

    @Test
    void sweep_whenDeadlineComesMidway_stopsCleanlyAndTheNextRunFinishes() {
        LocalDate today = LocalDate.of(2025, 4, 10);
        sweptUpTo(today.minusDays(2));
        List<CatalogueEntry> due = List.of(recordings.active(today.minusDays(2)), recordings.active(today.minusDays(2)),
                recordings.active(today.minusDays(1)), recordings.active(today), recordings.active(today));
        CountingStore store = new CountingStore(repositories.store(), false);

        // Workers look at recordings at once: a few may start before the deadline is seen, and each finishes.
        SweepReport stopped = sweep(store).run(today, false, () -> store.recordingsLookedAt.get() >= 3);

        assertThat(stopped.status()).isEqualTo(SweepReport.Status.STOPPED_AT_DEADLINE);
        assertThat(stopped.deleted()).isBetween(3, due.size() - 1);
        assertThat(progress.oldestNotSwept()).contains(stopped.resumeFrom());
        assertThat(due.stream().filter(r -> !recordings.versionsOf(r.objectKey()).isEmpty())).hasSize(due.size() - stopped.deleted());

        SweepReport finished = sweep().run(today, false, Deadline.NONE);

        assertThat(finished.status()).isEqualTo(SweepReport.Status.COMPLETE);
        assertThat(finished.deleted()).isEqualTo(due.size() - stopped.deleted());
        assertThat(due).allSatisfy(r -> assertThat(recordings.versionsOf(r.objectKey())).isEmpty());
        assertThat(progress.oldestNotSwept()).contains(today);
    }

    @Test
    void sweep_whenAnEarlierRunCrashedAfterTheDelete_tombstonesAndAuditsOnce() {
        LocalDate today = LocalDate.of(2025, 5, 10);
        sweptUpTo(today.minusDays(1));
        CatalogueEntry crashedBeforeAudit = recordings.active(today);
        CatalogueEntry crashedBeforeTombstone = recordings.active(today);
        repositories.store().delete(recordings.versionsOf(crashedBeforeAudit.objectKey()));
        repositories.store().delete(recordings.versionsOf(crashedBeforeTombstone.objectKey()));
        repositories.audit().record(new AuditEvent(UUID.randomUUID().toString(), Instant.now(), crashedBeforeTombstone.recordingId(),
                crashedBeforeTombstone.versionId(), AuditAction.DELETED, Sweep.ACTOR, "rutland", null, null, "allowed", Map.of()));

        SweepReport report = sweep().run(today, false, Deadline.NONE);

        assertThat(report.repaired()).isEqualTo(2);
        assertThat(recordings.current(crashedBeforeAudit).state()).isEqualTo(RecordingState.DELETED);
        assertThat(recordings.current(crashedBeforeTombstone).state()).isEqualTo(RecordingState.DELETED);
        assertThat(deletions(crashedBeforeAudit)).hasSize(1);
        assertThat(deletions(crashedBeforeTombstone)).hasSize(1);
    }

    @Test
    void sweep_whenAnotherRunHoldsTheClaim_doesNothing() {
        LocalDate today = LocalDate.of(2025, 6, 10);
        sweptUpTo(today.minusDays(1));
        CatalogueEntry due = recordings.active(today);
        progress.claim("another-run", Instant.now(), Instant.now().plusSeconds(600));
        try {
            SweepReport report = sweep().run(today, false, Deadline.NONE);

            assertThat(report.status()).isEqualTo(SweepReport.Status.ALREADY_RUNNING);
            assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
        } finally {
            progress.abandon("another-run");
        }
    }

    @Test
    void sweep_whenAskedForADayBeforeItsProgress_readsNothingAndKeepsTheProgress() {
        LocalDate today = LocalDate.of(2025, 7, 10);
        sweptUpTo(today);
        CatalogueEntry dueYesterday = recordings.active(today.minusDays(1));

        SweepReport report = sweep().run(today.minusDays(1), false, Deadline.NONE);

        assertThat(report.itemsRead()).isZero();
        assertThat(progress.oldestNotSwept()).contains(today);
        assertThat(recordings.versionsOf(dueYesterday.objectKey())).hasSize(1);
    }

    private Sweep sweep() {
        return sweep(repositories.store());
    }

    private Sweep sweep(RetentionStore store) {
        RetentionRepositories with = new RetentionRepositories(repositories.catalogue(), store, repositories.holds(), repositories.audit());
        return with.sweep(progress, policies, new LogLine(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()), Clock.systemUTC(),
                ExpireRecordingsFactory.concurrency(aws.environmentOf(Recordings.FUNCTION)));
    }

    private static HoldService holds() {
        return repositories.holdService(policies, Clock.systemUTC());
    }

    private static void sweptUpTo(LocalDate oldestNotSwept) {
        String setUp = "set-up-" + UUID.randomUUID();
        assertThat(progress.claim(setUp, Instant.now(), Instant.now().plusSeconds(60))).isTrue();
        progress.release(setUp, oldestNotSwept, true);
    }

    private static LocalDate realToday() {
        return LocalDate.now(RetentionSchedule.UK);
    }

    private static List<AuditEvent> deletions(CatalogueEntry entry) {
        return repositories.audit().trailOf(entry.recordingId()).stream().filter(e -> e.action() == AuditAction.DELETED).toList();
    }

    private static Map<String, AttributeValue> tombstone(CatalogueEntry entry) {
        return aws.clients().dynamoDb().getItem(b -> b.tableName(aws.stack().tableName("CatalogueTable"))
                .key(Map.of("recordingId", AttributeValue.fromS(entry.recordingId())))).item();
    }

    private static void setLegalHold(CatalogueEntry entry, ObjectLockLegalHoldStatus status) {
        recordings.s3().putObjectLegalHold(b -> b.bucket(recordings.bucket()).key(entry.objectKey()).versionId(entry.versionId())
                .legalHold(h -> h.status(status)));
    }

    /** The real bucket, counting the recordings looked at and the delete calls; optionally blind to legal holds placed behind the sweep's back. */
    private static final class CountingStore extends BucketWithHooks {
        private final boolean blindToLegalHolds;
        final AtomicInteger recordingsLookedAt = new AtomicInteger();
        final AtomicInteger deleteCalls = new AtomicInteger();

        CountingStore(RetentionStore bucket, boolean blindToLegalHolds) {
            super(bucket);
            this.blindToLegalHolds = blindToLegalHolds;
        }

        @Override
        public List<ObjectVersion> versionsOf(String key) {
            recordingsLookedAt.incrementAndGet();
            return super.versionsOf(key);
        }

        @Override
        public boolean isUnderLegalHold(String key, String versionId) {
            return !blindToLegalHolds && super.isUnderLegalHold(key, versionId);
        }

        @Override
        public List<ObjectVersion> delete(List<ObjectVersion> versions) {
            deleteCalls.incrementAndGet();
            return super.delete(versions);
        }
    }
}
