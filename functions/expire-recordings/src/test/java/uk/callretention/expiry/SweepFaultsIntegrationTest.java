package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import uk.callretention.audit.AuditAction;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.Sweep;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The sweep under AWS faults (throttling, 500s, resets, lost answers, DeleteObjects refusing some keys) and crashes
 * before any of its calls, through the function's own clients. After the next run with no faults: nothing due is
 * left, nothing not due or held is gone, and each deletion has one audit event and a tombstone.
 */
@ExtendWith(LocalAwsExtension.class)
class SweepFaultsIntegrationTest {

    private static final long[] SEEDS = {1, 2, 3};
    private static final double RATE = 0.3;
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 3, 1);

    static LocalAws aws;
    private static Recordings recordings;
    private static FunctionRepositories function;

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        function = new FunctionRepositories(aws);
    }

    @Test
    void sweep_whenAwsFailsAtRandom_leavesNothingDueAfterTheNextRunAndDeletesNothingEarly() {
        int injected = 0;
        int failedRuns = 0;
        for (int i = 0; i < SEEDS.length; i++) {
            LocalDate today = FIRST_DAY.plusDays(i);
            Day day = Day.of(today);
            Faults faults = Faults.seeded(SEEDS[i], RATE, Fault.values());

            try {
                faults.run(() -> sweep(Clock.systemUTC()).run(today, false, Deadline.NONE));
            } catch (RuntimeException failedRun) {
                failedRuns++;
            }
            nextRun(today);

            day.assertConverged(faults.summary());
            injected += faults.injected();
        }
        System.out.println("sweep under faults: %d seeds at rate %.2f, %d faults injected, %d runs failed and were finished by the next, 0 early deletions"
                .formatted(SEEDS.length, RATE, injected, failedRuns));
        assertThat(injected).isPositive();
    }

    @Test
    void sweep_whenItDiesBeforeAnyOfItsCalls_isFinishedByTheNextRun() {
        LocalDate probeDay = FIRST_DAY.minusDays(1);
        Day.of(probeDay);
        Faults probe = Faults.none();
        probe.run(() -> sweep(Clock.systemUTC()).run(probeDay, false, Deadline.NONE));
        int steps = probe.calls().size();

        for (int call = 1; call <= steps; call++) {
            LocalDate today = FIRST_DAY.minusDays(1 + call);
            Day day = Day.of(today);
            Faults crash = Faults.crashingAt(call);

            try {
                crash.run(() -> sweep(Clock.systemUTC()).run(today, false, Deadline.NONE));
            } catch (Error died) {
                assertThat(crash.crashed()).isTrue();
            }
            nextRun(today);

            day.assertConverged(crash.summary());
        }
        System.out.println("sweep crashes: died before each of its %d calls, each finished by the next run".formatted(steps));
    }

    /** The next scheduled run, with no faults, after a dead run's claim has lapsed. */
    private static void nextRun(LocalDate today) {
        sweep(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))).run(today, false, Deadline.NONE);
    }

    private static Sweep sweep(Clock clock) {
        return function.sweep(clock);
    }

    /** One day's recordings: one due with an older version and a delete marker, one filed early, one under a legal hold. */
    private record Day(LocalDate today, CatalogueEntry due, CatalogueEntry notYetDue, CatalogueEntry legallyHeld) {

        static Day of(LocalDate today) {
            function.sweepNextFrom(today);
            CatalogueEntry due = recordings.active(today);
            recordings.upload(due.objectKey(), RecordingTags.of(due));
            recordings.deleteMarker(due.objectKey());
            CatalogueEntry notYetDue = recordings.active(today.plusDays(1));
            recordings.repositories().catalogue().fileUnder(notYetDue, today);
            CatalogueEntry legallyHeld = recordings.active(today);
            recordings.s3().putObjectLegalHold(b -> b.bucket(recordings.bucket()).key(legallyHeld.objectKey()).versionId(legallyHeld.versionId())
                    .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
            return new Day(today, due, notYetDue, legallyHeld);
        }

        void assertConverged(String replay) {
            assertThat(recordings.versionsOf(due.objectKey())).as("nothing due left (%s)", replay).isEmpty();
            assertThat(recordings.current(due).state()).as("tombstone (%s)", replay).isEqualTo(RecordingState.DELETED);
            assertThat(deletions(due)).as("one audit event per deletion (%s)", replay).isEqualTo(1);
            for (CatalogueEntry kept : List.of(notYetDue, legallyHeld)) {
                assertThat(recordings.versionsOf(kept.objectKey())).as("nothing not due gone (%s)", replay).hasSize(1);
                assertThat(recordings.current(kept).state()).as(replay).isEqualTo(RecordingState.ACTIVE);
                assertThat(deletions(kept)).as(replay).isZero();
            }
        }

        private static long deletions(CatalogueEntry entry) {
            return recordings.repositories().audit().trailOf(entry.recordingId()).stream().filter(e -> e.action() == AuditAction.DELETED).count();
        }
    }
}
