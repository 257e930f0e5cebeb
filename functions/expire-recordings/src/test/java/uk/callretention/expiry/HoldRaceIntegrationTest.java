package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.access.Erasure;
import uk.callretention.access.HoldDesk;
import uk.callretention.access.JsonBody;
import uk.callretention.access.Outcome;
import uk.callretention.access.StaffMember;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.aws.DynamoDbCatalogue;
import uk.callretention.aws.DynamoDbSweepProgress;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.expiry.Recordings.Keeping;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.Hold;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.Sweep;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * Holds racing the sweep, an erasure and a release of the same recording, through the API's desks against the local
 * S3 and DynamoDB: each round starts its requests together and checks the end state. Whichever wins, nobody gets a
 * server error, an active hold always has a legal hold and the held tag on every version, a hold on a recording
 * deleted meanwhile answers 410 and leaves no active hold, and each request leaves one audit event with its outcome.
 */
@ExtendWith(LocalAwsExtension.class)
class HoldRaceIntegrationTest {

    /** Rounds of each race: each sort of ending shows up in a few of them, and each test stays within 30 seconds on two busy cores. */
    private static final int SWEEP_ROUNDS = 6;
    private static final int ERASURE_ROUNDS = 10;
    private static final int RELEASE_ROUNDS = 6;
    private static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);
    private static final StaffMember DPO = StaffMember.fromClaims(Map.of("sub", "dpo-racing", "cognito:groups", "[rutland:*:dpo]")).orElseThrow();

    static LocalAws aws;
    static Recordings recordings;
    static RetentionRepositories repositories;
    static HoldService holds;
    static HoldDesk holdDesk;
    static Erasure erasure;
    static Sweep sweep;
    static DynamoDbSweepProgress progress;
    static ExecutorService pool;

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        repositories = recordings.repositories();
        PolicyBook policies = PolicyBook.bundled(Map.of());
        Clock clock = Clock.systemUTC();
        holds = repositories.holdService(policies, clock);
        holdDesk = new HoldDesk(policies, repositories.catalogue(), holds, repositories.audit(), clock);
        erasure = new Erasure(policies, repositories.catalogue(), repositories.holds(), repositories.store(),
                new DynamoDbCatalogue(aws.clients().dynamoDb(), aws.stack().tableName("CatalogueTable")), repositories.audit(), clock);
        progress = new DynamoDbSweepProgress(aws.clients().dynamoDb(), aws.stack().tableName("SweepStateTable"));
        sweep = repositories.sweep(progress, policies, new LogLine(new PrintStream(OutputStream.nullOutputStream()), clock), clock,
                ExpireRecordingsFactory.concurrency(aws.environmentOf(Recordings.FUNCTION)));
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void holdsPlacedWhileTheSweepDeletesDueRecordings_eitherKeepEveryVersionOrAnswerDeleted() throws Exception {
        int keptByHold = 0;
        int deletedBySweep = 0;
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            LocalDate due = LocalDate.of(2024, 6, 1).plusDays(round);
            sweptUpTo(due);
            List<CatalogueEntry> dueToday = List.of(recordings.activeOverAnOlderVersion(due), recordings.activeOverAnOlderVersion(due),
                    recordings.activeOverAnOlderVersion(due));
            List<Callable<Object>> requests = new ArrayList<>();
            requests.add(() -> sweep.run(due, false, Deadline.NONE));
            dueToday.forEach(recording -> requests.add(() -> {
                // Spread over the sweep's run, so that some holds come before its deletes and some after.
                pauseUpTo(1200);
                return place(recording);
            }));

            List<Object> answers = atOnce(requests);

            for (int i = 0; i < dueToday.size(); i++) {
                CatalogueEntry recording = dueToday.get(i);
                Outcome<?> placed = (Outcome<?>) answers.get(i + 1);
                if (placed instanceof Outcome.Done<?>) {
                    keptByHold++;
                    assertThat(recordings.keeping(recording)).as("nothing deleted, every version locked").isEqualTo(Keeping.held(2));
                    assertThat(repositories.holds().on(recording.recordingId())).singleElement().extracting(Hold::status).isEqualTo(Hold.Status.ACTIVE);
                    assertThat(outcomes(recording, AuditAction.HOLD_PLACED)).containsExactly("allowed");
                } else {
                    deletedBySweep++;
                    assertThat(code(placed)).isEqualTo("recording-deleted");
                    assertThat(repositories.holds().on(recording.recordingId())).noneMatch(Hold::active);
                    assertThat(recordings.keeping(recording)).satisfies(k -> assertThat(k.locked() + k.taggedHeld()).isZero());
                    assertThat(outcomes(recording, AuditAction.HOLD_PLACED)).containsExactly("recording-deleted");
                }
            }
            // The next run finishes any recording the hold found half deleted.
            sweptUpTo(due);
            sweep.run(due, false, Deadline.NONE);
            for (int i = 0; i < dueToday.size(); i++) {
                if (!(answers.get(i + 1) instanceof Outcome.Done<?>)) {
                    assertThat(recordings.keeping(dueToday.get(i))).isEqualTo(Keeping.notHeld(0, RecordingState.DELETED));
                }
            }
        }
        System.out.printf("hold vs sweep: %d rounds, %d holds won, %d sweeps won%n", SWEEP_ROUNDS, keptByHold, deletedBySweep);
    }

    @Test
    void holdsPlacedWhileTheDpoErasesTheRecording_neverBothSucceed() throws Exception {
        int keptByHold = 0;
        int erased = 0;
        for (int round = 0; round < ERASURE_ROUNDS; round++) {
            CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY.plusDays(40));

            List<Object> answers = atOnce(List.of(() -> {
                        pauseUpTo(200);
                        return place(recording);
                    },
                    () -> {
                        pauseUpTo(200);
                        return erasure.erase(DPO, recording.recordingId(), JsonBody.of("{\"reference\":\"SAR-" + UUID.randomUUID() + "\"}"));
                    }));

            Outcome<?> placed = (Outcome<?>) answers.get(0);
            Outcome<?> erasing = (Outcome<?>) answers.get(1);
            if (placed instanceof Outcome.Done<?>) {
                keptByHold++;
                Keeping kept = recordings.keeping(recording);
                if (code(erasing).equals("recording-held")) {
                    assertThat(kept).isEqualTo(Keeping.held(2));
                } else {
                    // the erasure deleted older versions before the hold was placed: every version left is held
                    assertThat(code(erasing)).isEqualTo("erasure-incomplete");
                    assertThat(kept.versions()).isPositive();
                    assertThat(kept).isEqualTo(Keeping.held(kept.versions()));
                }
            } else {
                erased++;
                assertThat(code(placed)).isEqualTo("recording-deleted");
                assertThat(repositories.holds().on(recording.recordingId())).noneMatch(Hold::active);
                assertThat(recordings.keeping(recording)).satisfies(k -> assertThat(k.locked() + k.taggedHeld()).isZero());
                assertThat(erasing instanceof Outcome.Done<?> || code(erasing).equals("erasure-incomplete")).as("erasure answered %s", erasing).isTrue();
            }
            assertThat(outcomes(recording, AuditAction.HOLD_PLACED)).containsExactly(outcome(placed));
            assertThat(outcomes(recording, AuditAction.ERASED)).containsExactly(outcome(erasing));
        }
        System.out.printf("hold vs erasure: %d rounds, %d holds won, %d erasures won%n", ERASURE_ROUNDS, keptByHold, erased);
    }

    @Test
    void holdPlacedWhileTheLastHoldIsReleasedTwice_leavesTheRecordingLockedByTheNewHold() throws Exception {
        for (int round = 0; round < RELEASE_ROUNDS; round++) {
            CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY.minusDays(1));
            Hold first = ((Outcome.Done<Hold>) place(recording)).value();

            List<Object> answers = atOnce(List.of(
                    () -> holdDesk.release(DPO, recording.recordingId(), first.holdId()),
                    () -> holdDesk.release(DPO, recording.recordingId(), first.holdId()),
                    () -> place(recording)));

            assertThat(answers.subList(0, 2)).extracting(answer -> outcome((Outcome<?>) answer))
                    .containsExactlyInAnyOrder("allowed", "already-released");
            assertThat(answers.get(2)).isInstanceOf(Outcome.Done.class);
            assertThat(repositories.holds().on(recording.recordingId())).extracting(Hold::status)
                    .containsExactlyInAnyOrder(Hold.Status.RELEASED, Hold.Status.ACTIVE);
            assertThat(recordings.keeping(recording)).isEqualTo(Keeping.held(2));
            assertThat(outcomes(recording, AuditAction.HOLD_RELEASED)).containsExactlyInAnyOrder("allowed", "already-released");
            assertThat(outcomes(recording, AuditAction.HOLD_PLACED)).containsExactly("allowed", "allowed");
        }
    }

    private static Outcome<Hold> place(CatalogueEntry recording) {
        return holdDesk.place(DPO, recording.recordingId(),
                JsonBody.of("{\"reason\":\"complaint-or-dispute\",\"reference\":\"CMP-" + UUID.randomUUID() + "\",\"reviewOn\":\"" + TODAY.plusDays(30) + "\"}"));
    }

    /** Runs the requests together, from one start signal; a request that throws is a server error and fails the test. */
    private static List<Object> atOnce(List<Callable<Object>> requests) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> running = new ArrayList<>();
        for (Callable<Object> request : requests) {
            running.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        List<Object> answers = new ArrayList<>();
        for (Future<Object> answer : running) {
            answers.add(answer.get());
        }
        return answers;
    }

    private static void pauseUpTo(long millis) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(millis));
    }

    private static String outcome(Outcome<?> outcome) {
        return outcome instanceof Outcome.Done<?> ? "allowed" : code(outcome);
    }

    private static String code(Outcome<?> outcome) {
        return ((Outcome.Refused<?>) outcome).refusal().code();
    }

    private static List<String> outcomes(CatalogueEntry recording, AuditAction action) {
        return repositories.audit().trailOf(recording.recordingId()).stream().filter(e -> e.action() == action).map(AuditEvent::outcome).toList();
    }

    private static void sweptUpTo(LocalDate oldestNotSwept) {
        String setUp = "set-up-" + UUID.randomUUID();
        assertThat(progress.claim(setUp, Instant.now(), Instant.now().plusSeconds(60))).isTrue();
        progress.release(setUp, oldestNotSwept, true);
    }
}
