package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import uk.callretention.audit.AuditAction;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.HoldOutcome;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;
import uk.callretention.retention.Sweep;
import uk.callretention.retention.SweepReport;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The sweep with eight workers, where concurrency could break its guarantees: many recordings over several days and
 * every shard, a deadline while workers are busy, AWS faults, and the catch-up schedule's runs. Through the function's
 * own clients against the local S3 and DynamoDB; each test sweeps its own window of days.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepConcurrencyIntegrationTest {

    private static final int WORKERS = 8;

    static LocalAws aws;
    static Recordings recordings;
    static FunctionRepositories function;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        function = new FunctionRepositories(aws);
    }

    @Test
    void sweep_whenManyRecordingsOverEveryShardAreDue_deletesEachDueOneOnceAndKeepsTheRest() {
        LocalDate today = LocalDate.of(2024, 1, 10);
        function.sweepNextFrom(today.minusDays(2));
        List<CatalogueEntry> due = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            due.add(recordings.active(today.minusDays(i % 3)));
        }
        for (int i = 0; i < 6; i++) {
            CatalogueEntry withHistory = recordings.activeOverAnOlderVersion(today.minusDays(i % 3));
            recordings.deleteMarker(withHistory.objectKey());
            due.add(withHistory);
            due.add(recordings.quarantined(today.minusDays(i % 3)));
        }
        List<CatalogueEntry> legallyHeld = new ArrayList<>();
        List<CatalogueEntry> staleCatalogue = new ArrayList<>();
        List<CatalogueEntry> filedEarly = new ArrayList<>();
        List<CatalogueEntry> untagged = new ArrayList<>();
        List<CatalogueEntry> onHold = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Kept ones are filed under today, where what the sweep keeps goes, so that each is read exactly once.
            CatalogueEntry locked = recordings.active(today);
            recordings.s3().putObjectLegalHold(b -> b.bucket(recordings.bucket()).key(locked.objectKey()).versionId(locked.versionId())
                    .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
            legallyHeld.add(locked);
            CatalogueEntry retagged = recordings.active(today);
            Map<String, String> later = new HashMap<>(RecordingTags.of(retagged));
            later.put(RecordingTags.EXPIRES, today.plusDays(5).toString());
            function.repositories.store().replaceTags(retagged.objectKey(), retagged.versionId(), later);
            staleCatalogue.add(retagged);
            CatalogueEntry early = recordings.active(today.plusDays(3));
            function.repositories.catalogue().fileUnder(early, today.minusDays(1));
            filedEarly.add(early);
            CatalogueEntry reuploaded = recordings.active(today);
            recordings.upload(reuploaded.objectKey(), Map.of());
            untagged.add(reuploaded);
            CatalogueEntry held = recordings.active(today.minusDays(2));
            assertThat(function.holdService(Clock.systemUTC()).place(
                    new HoldRequest(held.recordingId(), "complaint-or-dispute", "CMP-" + i, "dpo-1", LocalDate.now(RetentionSchedule.UK).plusDays(30)), unaudited -> { }))
                    .isInstanceOf(HoldOutcome.Placed.class);
            onHold.add(held);
        }

        SweepReport report = sweep(Clock.systemUTC(), function.repositories.store()).run(today, false, Deadline.NONE);

        assertThat(report.status()).isEqualTo(SweepReport.Status.COMPLETE);
        assertThat(report.itemsRead()).isEqualTo(due.size() + 16);
        assertThat(report.deleted()).isEqualTo(due.size());
        assertThat(report.versionsDeleted()).isEqualTo(due.size() + 6);
        assertThat(report.keptHeld()).isEqualTo(4);
        assertThat(report.keptNotYetDue()).isEqualTo(8);
        assertThat(report.keptUntagged()).isEqualTo(4);
        assertThat(report.failed()).isZero();
        assertThat(due).allSatisfy(recording -> {
            assertThat(recordings.versionsOf(recording.objectKey())).isEmpty();
            assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.DELETED);
            assertThat(deletions(recording)).isEqualTo(1);
        });
        assertThat(List.of(legallyHeld, staleCatalogue, filedEarly, untagged, onHold)).allSatisfy(kept -> assertThat(kept).allSatisfy(recording -> {
            assertThat(recordings.versionsOf(recording.objectKey())).isNotEmpty();
            assertThat(recordings.current(recording).state()).isIn(RecordingState.ACTIVE, RecordingState.HELD);
            assertThat(deletions(recording)).isZero();
        }));
    }

    @Test
    void sweep_whenTheDeadlineComesWhileWorkersAreBusy_finishesWhatItStartedAndTheNextRunDeletesTheRest() {
        LocalDate today = LocalDate.of(2024, 2, 10);
        function.sweepNextFrom(today.minusDays(3));
        List<CatalogueEntry> due = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            due.add(recordings.active(today.minusDays(3 - i % 4)));
        }
        List<CatalogueEntry> filedEarly = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CatalogueEntry early = recordings.active(today.plusDays(10));
            function.repositories.catalogue().fileUnder(early, today.minusDays(2));
            filedEarly.add(early);
        }
        LookCounting store = new LookCounting(function.repositories.store());

        SweepReport stopped = sweep(Clock.systemUTC(), store).run(today, false, () -> store.looked.get() >= 12);

        assertThat(stopped.status()).isEqualTo(SweepReport.Status.STOPPED_AT_DEADLINE);
        assertThat(stopped.deleted()).isBetween(1, due.size() - 1);
        assertThat(function.progress.oldestNotSwept()).contains(stopped.resumeFrom());
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("\"" + Sweep.DAYS_OVERDUE_METRIC + "\":" + ChronoUnit.DAYS.between(stopped.resumeFrom(), today));
        List<CatalogueEntry> gone = due.stream().filter(r -> recordings.versionsOf(r.objectKey()).isEmpty()).toList();
        assertThat(gone).hasSize(stopped.deleted()).allSatisfy(recording -> {
            assertThat(recordings.current(recording).state()).as("tombstoned before the run ended").isEqualTo(RecordingState.DELETED);
            assertThat(deletions(recording)).isEqualTo(1);
        });

        SweepReport next = sweep(Clock.systemUTC(), function.repositories.store()).run(today, false, Deadline.NONE);

        assertThat(next.status()).isEqualTo(SweepReport.Status.COMPLETE);
        assertThat(next.deleted()).isEqualTo(due.size() - stopped.deleted());
        assertThat(due).allSatisfy(recording -> {
            assertThat(recordings.versionsOf(recording.objectKey())).isEmpty();
            assertThat(deletions(recording)).isEqualTo(1);
        });
        assertThat(filedEarly).allSatisfy(recording -> {
            assertThat(recordings.versionsOf(recording.objectKey())).hasSize(1);
            assertThat(deletions(recording)).isZero();
        });
    }

    @Test
    void sweep_whenAwsFailsAtRandomUnderConcurrency_leavesNothingDueAfterTheNextRunAndDeletesNothingEarly() {
        long[] seeds = {11, 12};
        int injected = 0;
        for (int i = 0; i < seeds.length; i++) {
            LocalDate today = LocalDate.of(2024, 3, 10).plusDays(10L * i);
            function.sweepNextFrom(today.minusDays(1));
            List<CatalogueEntry> due = new ArrayList<>();
            for (int r = 0; r < 16; r++) {
                due.add(recordings.activeOverAnOlderVersion(today.minusDays(r % 2)));
            }
            CatalogueEntry early = recordings.active(today.plusDays(1));
            function.repositories.catalogue().fileUnder(early, today);
            CatalogueEntry locked = recordings.active(today);
            recordings.s3().putObjectLegalHold(b -> b.bucket(recordings.bucket()).key(locked.objectKey()).versionId(locked.versionId())
                    .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
            Faults faults = Faults.seeded(seeds[i], 0.2, Fault.values());

            try {
                faults.run(() -> sweep(Clock.systemUTC(), function.repositories.store()).run(today, false, Deadline.NONE));
            } catch (RuntimeException failedRun) {
                // the next run, an hour later, finishes it
            }
            sweep(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), function.repositories.store()).run(today, false, Deadline.NONE);

            String replay = faults.summary();
            assertThat(due).as(replay).allSatisfy(recording -> {
                assertThat(recordings.versionsOf(recording.objectKey())).isEmpty();
                assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.DELETED);
                assertThat(deletions(recording)).isEqualTo(1);
            });
            assertThat(List.of(early, locked)).as(replay).allSatisfy(recording -> {
                assertThat(recordings.versionsOf(recording.objectKey())).hasSize(1);
                assertThat(deletions(recording)).isZero();
            });
            injected += faults.injected();
        }
        assertThat(injected).isPositive();
    }

    @Test
    void catchUp_whenTheLastRunFinished_readsTheProgressOnceAndDoesNothing() {
        LocalDate today = LocalDate.of(2024, 4, 10);
        function.sweepNextFrom(today.minusDays(2));
        CatalogueEntry due = recordings.active(today);
        Faults probe = Faults.none();

        SweepReport report = probe.call(() -> sweep(Clock.systemUTC(), function.repositories.store()).catchUp(today, Deadline.NONE));

        assertThat(report.status()).isEqualTo(SweepReport.Status.UP_TO_DATE);
        assertThat(probe.calls()).containsExactly("GetItem");
        assertThat(recordings.versionsOf(due.objectKey())).hasSize(1);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"" + Sweep.DAYS_OVERDUE_METRIC + "\":2");
    }

    @Test
    void catchUp_afterARunStoppedAtItsDeadline_finishesTheSweepAndThenRests() {
        LocalDate today = LocalDate.of(2024, 5, 10);
        function.sweepNextFrom(today.minusDays(1));
        List<CatalogueEntry> due = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            due.add(recordings.active(today.minusDays(i % 2)));
        }
        reviewOverdue();
        Sweep sweep = sweep(Clock.systemUTC(), function.repositories.store());
        SweepReport stopped = sweep.run(today, false, () -> true);

        SweepReport caughtUp = sweep.catchUp(today, Deadline.NONE);
        SweepReport again = sweep.catchUp(today, Deadline.NONE);

        assertThat(stopped.status()).isEqualTo(SweepReport.Status.STOPPED_AT_DEADLINE);
        assertThat(stopped.deleted()).isZero();
        assertThat(caughtUp.status()).isEqualTo(SweepReport.Status.COMPLETE);
        assertThat(caughtUp.deleted()).isEqualTo(due.size());
        assertThat(caughtUp.reviewsOverdue()).isEmpty();
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("HoldReviewsOverdue");
        assertThat(due).allSatisfy(recording -> assertThat(recordings.versionsOf(recording.objectKey())).isEmpty());
        assertThat(again.status()).isEqualTo(SweepReport.Status.UP_TO_DATE);
    }

    @Test
    void catchUp_whenARunDiedHoldingTheClaim_sweepsOnceTheClaimHasRunOut() {
        LocalDate today = LocalDate.of(2024, 6, 10);
        function.sweepNextFrom(today.minusDays(1));
        CatalogueEntry due = recordings.active(today);
        String died = "died-" + UUID.randomUUID();
        assertThat(function.progress.claim(died, Instant.now(), Instant.now().plus(Duration.ofMinutes(20)))).isTrue();

        SweepReport whileClaimed = sweep(Clock.systemUTC(), function.repositories.store()).catchUp(today, Deadline.NONE);
        SweepReport afterItRanOut = sweep(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), function.repositories.store())
                .catchUp(today, Deadline.NONE);

        assertThat(whileClaimed.status()).isEqualTo(SweepReport.Status.UP_TO_DATE);
        assertThat(afterItRanOut.status()).isEqualTo(SweepReport.Status.COMPLETE);
        assertThat(afterItRanOut.deleted()).isEqualTo(1);
        assertThat(recordings.versionsOf(due.objectKey())).isEmpty();
    }

    @Test
    void catchUp_afterARunFailed_sweepsAgain() {
        LocalDate today = LocalDate.of(2024, 7, 10);
        function.sweepNextFrom(today.minusDays(1));
        CatalogueEntry due = recordings.active(today);
        BucketWithHooks unreachable = new BucketWithHooks(function.repositories.store()) {
            @Override
            public Map<String, String> tags(String key, String versionId) {
                throw new IllegalStateException("S3 cannot be reached");
            }
        };
        assertThatThrownBy(() -> sweep(Clock.systemUTC(), unreachable).run(today, false, Deadline.NONE)).hasMessage("S3 cannot be reached");

        SweepReport caughtUp = sweep(Clock.systemUTC(), function.repositories.store()).catchUp(today, Deadline.NONE);

        assertThat(caughtUp.status()).isEqualTo(SweepReport.Status.COMPLETE);
        assertThat(caughtUp.deleted()).isEqualTo(1);
        assertThat(recordings.versionsOf(due.objectKey())).isEmpty();
    }

    /** A hold placed two months ago whose review date passed a month ago: the daily run reports it, a catch-up does not. */
    private static void reviewOverdue() {
        LocalDate realToday = LocalDate.now(RetentionSchedule.UK);
        CatalogueEntry recording = recordings.active(realToday.plusDays(100));
        assertThat(function.holdService(Clock.offset(Clock.systemUTC(), Duration.ofDays(-60))).place(
                new HoldRequest(recording.recordingId(), "complaint-or-dispute", "CMP-OLD", "dpo-1", realToday.minusDays(30)), unaudited -> { }))
                .isInstanceOf(HoldOutcome.Placed.class);
    }

    private Sweep sweep(Clock clock, RetentionStore store) {
        RetentionRepositories repositories = function.repositories;
        RetentionRepositories with = new RetentionRepositories(repositories.catalogue(), store, repositories.holds(), repositories.audit());
        return with.sweep(function.progress, function.policies, new LogLine(new PrintStream(logged, true, StandardCharsets.UTF_8), clock), clock,
                WORKERS);
    }

    private static long deletions(CatalogueEntry entry) {
        return recordings.repositories().audit().trailOf(entry.recordingId()).stream().filter(e -> e.action() == AuditAction.DELETED).count();
    }

    /** Counts the recordings the sweep has started to look at in the bucket. */
    private static final class LookCounting extends BucketWithHooks {
        final AtomicInteger looked = new AtomicInteger();

        LookCounting(RetentionStore bucket) {
            super(bucket);
        }

        @Override
        public List<ObjectVersion> versionsOf(String key) {
            looked.incrementAndGet();
            return super.versionsOf(key);
        }
    }
}
