package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.expiry.Recordings.Keeping;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.Hold;
import uk.callretention.retention.HoldOutcome;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.HoldService;
import uk.callretention.testsupport.Fault;
import uk.callretention.testsupport.Faults;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * Placing and releasing holds under AWS faults (throttling, 500s, resets, lost answers) and crashes before any of
 * their calls, through the function's own clients, on recordings that are due: the sweep would delete them but for
 * the hold. Whoever asked tries again a few minutes later (once a dead request's claim has run out), and the next
 * sweep settles what was left unfinished. Then: every active hold has a legal hold and the held tag on every version;
 * the sweep deletes no held recording; a released recording's versions are unlocked and it is due again, so the next
 * sweep deletes it. The API's one audit event per request is proven with the desk, not here.
 */
@ExtendWith(LocalAwsExtension.class)
class HoldFaultsIntegrationTest {

    private static final long[] SEEDS = {21, 22, 23, 24};
    private static final double RATE = 0.3;
    private static final long[] LOST_ANSWER_SEEDS = {31, 32, 33};
    private static final Fault[] FAULTS = {Fault.THROTTLED, Fault.SERVER_ERROR, Fault.CONNECTION_RESET, Fault.RESPONSE_LOST};
    /** Every recording is due today, when the sweep runs, and a released one is filed under today again. */
    private static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);
    /** When a person tries again: after a dead request's claim on the recording has run out. */
    private static final Duration LATER = Duration.ofMinutes(5);
    private static final Duration NEXT_SWEEP = Duration.ofHours(1);

    static LocalAws aws;
    private static Recordings recordings;
    private static FunctionRepositories function;

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        function = new FunctionRepositories(aws);
    }

    @Test
    void holds_whenAwsFailsAtRandom_convergeAfterATryAgainAndTheNextSweep() {
        int injected = 0;
        int failedRequests = 0;
        for (int i = 0; i < SEEDS.length; i++) {
            CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY);

            Faults placing = Faults.seeded(SEEDS[i], RATE, FAULTS);
            if (!(attempt(placing, () -> holds(Duration.ZERO).place(request(recording), unaudited -> { })) instanceof HoldOutcome.Placed)) {
                failedRequests++;
                assertThat(holds(LATER).place(request(recording), unaudited -> { })).as(placing.summary()).isInstanceOf(HoldOutcome.Placed.class);
            }
            sweep();
            assertHeld(recording, placing.summary());

            Faults releasing = Faults.seeded(SEEDS[i] * 1000, RATE, FAULTS);
            for (Hold active : activeHolds(recording)) {
                if (!(attempt(releasing, () -> release(Duration.ZERO, active)) instanceof HoldOutcome.Released)) {
                    failedRequests++;
                    // A lost answer may hide that the first attempt released it.
                    HoldOutcome again = release(LATER, active);
                    assertThat(again instanceof HoldOutcome.Released || again.equals(new HoldOutcome.Refused(HoldOutcome.Refusal.ALREADY_RELEASED)))
                            .as("%s (%s)", again, releasing.summary()).isTrue();
                }
            }
            assertDueAgain(recording, releasing.summary());
            sweep();
            assertDeleted(recording, releasing.summary());
            injected += placing.injected() + releasing.injected();
        }
        System.out.printf("holds under faults: %d seeds at rate %.2f, %d faults injected, %d requests failed and were tried again, "
                + "0 active holds without their locks, 0 held recordings deleted%n", SEEDS.length, RATE, injected, failedRequests);
        assertThat(injected).isPositive();
    }

    @Test
    void holds_whenTheAnswersToTheirWritesAreLost_areAnsweredRightTheFirstTime() {
        int lost = 0;
        for (long seed : LOST_ANSWER_SEEDS) {
            CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY);
            // The claim, the hold and its status changes are conditional writes: their retry meets what the lost attempt wrote.
            Faults placing = Faults.seeded(seed, 0.5, Fault.RESPONSE_LOST).onlyOn("PutItem");
            HoldOutcome placed = placing.call(() -> holds(Duration.ZERO).place(request(recording), unaudited -> { }));
            assertThat(placed).as(placing.summary()).isInstanceOf(HoldOutcome.Placed.class);
            assertHeld(recording, placing.summary());

            Faults releasing = Faults.seeded(seed * 1000, 0.5, Fault.RESPONSE_LOST).onlyOn("PutItem");
            HoldOutcome released = releasing.call(() -> release(Duration.ZERO, ((HoldOutcome.Placed) placed).hold()));
            assertThat(released).as(releasing.summary()).isInstanceOf(HoldOutcome.Released.class);
            assertDueAgain(recording, releasing.summary());
            lost += placing.injected() + releasing.injected();
        }
        System.out.printf("holds with lost answers: %d places and releases, %d answers to their writes lost, each answered right the first time%n",
                LOST_ANSWER_SEEDS.length, lost);
        assertThat(lost).isPositive();
    }

    @Test
    void place_whenItDiesBeforeAnyOfItsCalls_convergesAfterATryAgainAndTheNextSweep() {
        CatalogueEntry probed = recordings.activeOverAnOlderVersion(TODAY);
        Faults probe = Faults.none();
        probe.run(() -> holds(Duration.ZERO).place(request(probed), unaudited -> { }));
        int steps = probe.calls().size();

        for (int call = 1; call <= steps; call++) {
            CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY);
            Faults crash = Faults.crashingAt(call);

            dies(crash, () -> holds(Duration.ZERO).place(request(recording), unaudited -> { }));
            assertThat(holds(LATER).place(request(recording), unaudited -> { })).as(crash.summary()).isInstanceOf(HoldOutcome.Placed.class);
            sweep();

            assertHeld(recording, crash.summary());
            assertThat(function.repositories.holds().on(recording.recordingId())).as(crash.summary())
                    .extracting(Hold::status).doesNotContain(Hold.Status.PLACING);
        }
        System.out.printf("hold placing crashes: died before each of its %d calls (%s), each converged after a try again and the next sweep%n",
                steps, String.join(" ", probe.calls()));
    }

    @Test
    void release_whenItDiesBeforeAnyOfItsCalls_isFinishedByATryAgainOrTheNextSweep() {
        CatalogueEntry probed = recordings.activeOverAnOlderVersion(TODAY);
        Hold probedHold = placed(probed);
        Faults probe = Faults.none();
        probe.run(() -> release(Duration.ZERO, probedHold));
        int steps = probe.calls().size();
        int finishedBySweep = 0;

        for (int call = 1; call <= steps; call++) {
            CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY);
            Hold hold = placed(recording);
            Faults crash = Faults.crashingAt(call);

            dies(crash, () -> release(Duration.ZERO, hold));
            sweep();
            if (activeHolds(recording).isEmpty()) {
                finishedBySweep++;
            } else {
                // It died before the hold said releasing: the sweep kept the recording, and only whoever asked knows it was to go.
                assertHeld(recording, crash.summary());
                assertThat(release(LATER, hold)).as(crash.summary()).isInstanceOf(HoldOutcome.Released.class);
            }
            if (!recordings.versionsOf(recording.objectKey()).isEmpty()) {
                assertDueAgain(recording, crash.summary());
                sweep();
            }

            assertDeleted(recording, crash.summary());
            assertThat(function.repositories.holds().on(recording.recordingId())).as(crash.summary()).extracting(Hold::status)
                    .containsExactly(Hold.Status.RELEASED);
        }
        System.out.printf("hold release crashes: died before each of its %d calls (%s), %d finished by the next sweep, %d by a try again%n",
                steps, String.join(" ", probe.calls()), finishedBySweep, steps - finishedBySweep);
    }

    private static HoldOutcome attempt(Faults faults, Supplier<HoldOutcome> request) {
        try {
            return faults.call(request);
        } catch (RuntimeException failed) {
            return null;
        }
    }

    private static void dies(Faults crash, Runnable request) {
        try {
            crash.run(request);
        } catch (Error died) {
            assertThat(crash.crashed()).isTrue();
        }
    }

    /** The function's hold service, its clock {@code later} than now. */
    private static HoldService holds(Duration later) {
        return function.holdService(Clock.offset(Clock.systemUTC(), later));
    }

    private static HoldRequest request(CatalogueEntry recording) {
        return new HoldRequest(recording.recordingId(), "police", "CRIME-" + UUID.randomUUID(), "dpo-1", TODAY.plusDays(30));
    }

    private static Hold placed(CatalogueEntry recording) {
        return ((HoldOutcome.Placed) holds(Duration.ZERO).place(request(recording), unaudited -> { })).hold();
    }

    private static HoldOutcome release(Duration later, Hold hold) {
        return holds(later).release(hold.recordingId(), hold.holdId(), "dpo-1", unaudited -> { });
    }

    private static List<Hold> activeHolds(CatalogueEntry recording) {
        return function.repositories.holds().on(recording.recordingId()).stream().filter(Hold::active).toList();
    }

    /** The next scheduled sweep, with no faults, after any dead request's claim has run out. */
    private static void sweep() {
        function.sweepNextFrom(TODAY);
        Clock next = Clock.offset(Clock.systemUTC(), NEXT_SWEEP);
        function.sweep(next)
                .run(TODAY, false, Deadline.NONE);
    }

    private static void assertHeld(CatalogueEntry recording, String replay) {
        assertThat(activeHolds(recording)).as("an active hold (%s)", replay).isNotEmpty();
        assertThat(recordings.keeping(recording)).as("every version locked and tagged held, kept by the sweep (%s)", replay)
                .isEqualTo(Keeping.held(2));
    }

    private static void assertDueAgain(CatalogueEntry recording, String replay) {
        assertThat(function.repositories.holds().on(recording.recordingId())).as(replay).extracting(Hold::status)
                .isSubsetOf(Hold.Status.RELEASED, Hold.Status.NOT_PLACED);
        assertThat(recordings.keeping(recording)).as("every version unlocked (%s)", replay).isEqualTo(Keeping.notHeld(2, RecordingState.ACTIVE));
        assertThat(function.repositories.catalogue().indexedUnder(ExpiryShard.of(TODAY, recording.recordingId()))).as("due again (%s)", replay)
                .extracting(CatalogueEntry::recordingId).contains(recording.recordingId());
    }

    private static void assertDeleted(CatalogueEntry recording, String replay) {
        assertThat(recordings.versionsOf(recording.objectKey())).as("deleted once released (%s)", replay).isEmpty();
        assertThat(recordings.current(recording).state()).as(replay).isEqualTo(RecordingState.DELETED);
    }
}
