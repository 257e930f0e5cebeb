package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.expiry.Recordings.Keeping;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.RecordingTags;
import uk.callretention.recording.Upload;
import uk.callretention.retention.Hold;
import uk.callretention.retention.HoldOutcome;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;
import uk.callretention.testsupport.Uploads;

@ExtendWith(LocalAwsExtension.class)
class HoldServiceIntegrationTest {

    static LocalAws aws;
    static Recordings recordings;
    static HoldService holds;
    static RetentionStore bucket;
    static Uploads uploads;
    static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        holds = holdService(recordings.repositories().store());
        bucket = recordings.repositories().store();
        uploads = new Uploads(aws);
    }

    @Test
    void place_whenReasonIsTheCouncils_keepsEveryVersionInBucketLifecycleAndCatalogue() {
        CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY.plusDays(5));
        bucket.replaceTags(recording.objectKey(), recording.versionId(), RecordingTags.merge(Map.of("platform-ref", "x1"), RecordingTags.of(recording)));

        HoldOutcome outcome = holds.place(new HoldRequest(recording.recordingId(), "legal-claim", "HWY-2026-0042", "manager-1", TODAY.plusMonths(3)),
                unaudited -> { });

        assertThat(outcome).isInstanceOf(HoldOutcome.Placed.class);
        Hold hold = ((HoldOutcome.Placed) outcome).hold();
        assertThat(hold.status()).isEqualTo(Hold.Status.ACTIVE);
        assertThat(recordings.keeping(recording)).as("the older version is locked too").isEqualTo(Keeping.held(2));
        assertThat(bucket.tags(recording.objectKey(), recording.versionId()))
                .containsEntry(RecordingTags.EXPIRES, recording.expiresOn().toString())
                .containsEntry("platform-ref", "x1");
        assertThat(recordings.repositories().catalogue().indexedUnder(ExpiryShard.of(recording.expiresOn(), recording.recordingId())))
                .extracting(CatalogueEntry::recordingId).doesNotContain(recording.recordingId());
        assertThat(recordings.repositories().holds().on(recording.recordingId())).containsExactly(hold);
    }

    @Test
    void place_whenRequestBreaksARule_refusesWithItsCode() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(5));
        String id = recording.recordingId();

        assertThat(refusal(new HoldRequest(id, "staff-safety", "REF-1", "manager-1", TODAY.plusDays(1))))
                .as("Rutland's notice gives no staff-safety hold").isEqualTo(HoldOutcome.Refusal.REASON_NOT_ALLOWED);
        assertThat(refusal(new HoldRequest(id, "complaint-or-dispute", " ", "manager-1", TODAY.plusDays(1))))
                .isEqualTo(HoldOutcome.Refusal.REFERENCE_REQUIRED);
        assertThat(refusal(new HoldRequest(id, "complaint-or-dispute", "REF-1", "manager-1", TODAY)))
                .isEqualTo(HoldOutcome.Refusal.REVIEW_DATE_NOT_AFTER_TODAY);
        assertThat(refusal(new HoldRequest(id, "complaint-or-dispute", "REF-1", "manager-1", TODAY.plusMonths(12).plusDays(1))))
                .as("Rutland reviews every hold within twelve months").isEqualTo(HoldOutcome.Refusal.REVIEW_DATE_TOO_FAR);
        assertThat(refusal(new HoldRequest(id, "complaint-or-dispute", "REF-1", "manager-1", LocalDate.of(9999, 12, 31))))
                .isEqualTo(HoldOutcome.Refusal.REVIEW_DATE_TOO_FAR);
        assertThat(refusal(new HoldRequest("rec-00000000000000000000000000000000", "police", "REF-1", "dpo-1", TODAY.plusDays(1))))
                .isEqualTo(HoldOutcome.Refusal.NO_SUCH_RECORDING);
        assertThat(recordings.keeping(recording)).isEqualTo(Keeping.notHeld(1, RecordingState.ACTIVE));
        assertThat(recordings.repositories().holds().on(id)).isEmpty();
    }

    @Test
    void place_whenTheSweepDeletesTheRecordingBeforeItIsLocked_answersDeletedAndLeavesNoActiveHold() {
        CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY.minusDays(1));
        // The sweep's DeleteObjects goes newest first: the catalogued version is gone by the time the hold reaches it.
        HoldService racing = holdService(new BucketWithHooks(bucket).beforeLegalHold((version, on) -> {
            if (on && version.equals(recording.versionId())) {
                bucket.delete(recordings.versionsOf(recording.objectKey()).subList(0, 1));
            }
        }));

        HoldOutcome outcome = racing.place(new HoldRequest(recording.recordingId(), "police", "CRIME-7", "dpo-1", TODAY.plusDays(30)), unaudited -> { });

        assertThat(outcome).isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.RECORDING_DELETED));
        assertThat(recordings.repositories().holds().on(recording.recordingId())).singleElement().extracting(Hold::status).isEqualTo(Hold.Status.NOT_PLACED);
        assertThat(recordings.keeping(recording)).as("the older version is left for the sweep to finish")
                .isEqualTo(Keeping.notHeld(1, RecordingState.ACTIVE));
    }

    @Test
    void place_whenAVersionIsDeletedAfterTheFirstIsLocked_takesTheLockOffAgain() {
        CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY.minusDays(1));
        String older = recordings.versionsOf(recording.objectKey()).get(1).versionId();
        HoldService racing = holdService(new BucketWithHooks(bucket).beforeLegalHold((version, on) -> {
            if (on && version.equals(older)) {
                bucket.delete(recordings.versionsOf(recording.objectKey()).subList(1, 2));
            }
        }));

        HoldOutcome outcome = racing.place(new HoldRequest(recording.recordingId(), "police", "CRIME-8", "dpo-1", TODAY.plusDays(30)), unaudited -> { });

        assertThat(outcome).isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.RECORDING_DELETED));
        assertThat(recordings.keeping(recording)).isEqualTo(Keeping.notHeld(1, RecordingState.ACTIVE));
    }

    @Test
    void place_whenTheTaggersScrubDeletesTheUploadBeforeItIsLocked_holdsTheScrubbedCopy() throws Exception {
        String key = "rutland/customer-services/phone/2026/11/20/scrubbed-" + UUID.randomUUID() + ".wav";
        Upload upload = uploads.upload(key, Map.of("recorded-at", "2026-11-20T10:00:00Z", "caller", "01572 722577"));
        CountDownLatch copied = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        RecordingTagger pausedAfterCopying = uploads.tagger(Uploads.pausedAfter("copyWithMetadata", copied, goOn));
        ExecutorService tagging = Executors.newSingleThreadExecutor();
        try {
            Future<?> tagged = tagging.submit(() -> pausedAfterCopying.tag(upload));
            assertThat(copied.await(30, TimeUnit.SECONDS)).isTrue();
            // The hold reads the catalogue (still at the upload) and lists both versions; as it starts locking, the
            // scrub points the catalogue at its copy and deletes the upload.
            HoldService racing = holdService(new BucketWithHooks(bucket).beforeLegalHold((version, on) -> {
                if (goOn.getCount() > 0) {
                    goOn.countDown();
                    assertThatCode(() -> tagged.get(30, TimeUnit.SECONDS)).doesNotThrowAnyException();
                }
            }));

            HoldOutcome outcome = racing.place(new HoldRequest(RecordingId.forKey(key), "police", "CRIME-11", "dpo-1", TODAY.plusDays(30)),
                    unaudited -> { });

            assertThat(outcome).as("the recording exists, under its scrubbed copy").isInstanceOf(HoldOutcome.Placed.class);
            CatalogueEntry held = recordings.repositories().catalogue().find(RecordingId.forKey(key)).orElseThrow();
            assertThat(recordings.versionsOf(key)).extracting(ObjectVersion::versionId).containsExactly(held.versionId());
            assertThat(recordings.keeping(held)).as("the copy is locked and tagged held").isEqualTo(Keeping.held(1));
        } finally {
            tagging.shutdownNow();
        }
    }

    @Test
    void place_whenAVersionIsStoredAfterTheLastListingBeforeTheCatalogueSaysHeld_locksItToo() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(15));
        List<String> reuploaded = new ArrayList<>();
        // Its upload event finds the recording active, so the tagger leaves it to the hold.
        HoldService racing = holdService(new BucketWithHooks(bucket).beforeTagging((version, tags) -> {
            if (reuploaded.isEmpty()) {
                reuploaded.add(recordings.upload(recording.objectKey(), RecordingTags.of(recording)));
            }
        }));

        HoldOutcome outcome = racing.place(new HoldRequest(recording.recordingId(), "police", "CRIME-12", "dpo-1", TODAY.plusDays(30)), unaudited -> { });

        assertThat(outcome).isInstanceOf(HoldOutcome.Placed.class);
        assertThat(reuploaded).hasSize(1);
        assertThat(recordings.keeping(recording)).as("the version stored meanwhile is locked and tagged too").isEqualTo(Keeping.held(2));
    }

    @Test
    void release_whenTheTaggerLocksAVersionForTheHoldJustAsItIsReleased_leavesNoVersionLocked() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(15));
        Hold hold = placed(recording, "police", TODAY.plusDays(30));
        // The tagger read HELD for another upload, and locks it after the release has unlocked what it listed.
        List<String> lockedByTheTagger = new ArrayList<>();
        HoldService releasing = holdService(new BucketWithHooks(bucket).beforeLegalHold((version, on) -> {
            if (!on && version.equals(recording.versionId()) && lockedByTheTagger.isEmpty()) {
                lockedByTheTagger.add(recordings.upload(recording.objectKey(), Map.of()));
                bucket.setLegalHold(recording.objectKey(), lockedByTheTagger.get(0), true);
            }
        }));

        HoldOutcome outcome = releasing.release(recording.recordingId(), hold.holdId(), "dpo-1", unaudited -> { });

        assertThat(outcome).isInstanceOf(HoldOutcome.Released.class);
        assertThat(lockedByTheTagger).hasSize(1);
        assertThat(recordings.keeping(recording)).as("no lock outlives the hold").isEqualTo(Keeping.notHeld(2, RecordingState.ACTIVE));
    }

    @Test
    void release_whenOtherHoldsRemain_keepsTheRecordingUntilTheLastGoes() {
        CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY.plusDays(20));
        Hold complaint = placed(recording, "complaint-or-dispute", TODAY.plusDays(10));
        Hold police = placed(recording, "police", TODAY.plusDays(40));

        HoldOutcome first = holds.release(recording.recordingId(), complaint.holdId(), "manager-1", unaudited -> { });

        assertThat(first).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.stillHeld()).isTrue());
        assertThat(recordings.keeping(recording)).isEqualTo(Keeping.held(2));

        HoldOutcome last = holds.release(recording.recordingId(), police.holdId(), "dpo-1", unaudited -> { });

        assertThat(last).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.dueOn()).isEqualTo(recording.expiresOn()));
        assertThat(recordings.keeping(recording)).as("every version unlocked and tagged again").isEqualTo(Keeping.notHeld(2, RecordingState.ACTIVE));
        assertThat(bucket.tags(recording.objectKey(), recording.versionId())).containsEntry(RecordingTags.RETENTION, "P3M");
        assertThat(recordings.repositories().catalogue().indexedUnder(ExpiryShard.of(recording.expiresOn(), recording.recordingId())))
                .extracting(CatalogueEntry::recordingId).contains(recording.recordingId());
        assertThat(recordings.repositories().holds().on(recording.recordingId())).extracting(Hold::status).containsOnly(Hold.Status.RELEASED);
    }

    @Test
    void release_whenTheHoldIsAlreadyReleased_isRefusedEvenWhileAnotherHoldsTheRecording() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(20));
        Hold complaint = placed(recording, "complaint-or-dispute", TODAY.plusDays(10));
        placed(recording, "police", TODAY.plusDays(40));
        holds.release(recording.recordingId(), complaint.holdId(), "dpo-1", unaudited -> { });

        assertThat(holds.release(recording.recordingId(), complaint.holdId(), "dpo-1", unaudited -> { }))
                .isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.ALREADY_RELEASED));
        assertThat(holds.release(recording.recordingId(), "hold-unknown", "dpo-1", unaudited -> { }))
                .isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.NO_SUCH_HOLD));
    }

    @Test
    void place_whenItStopsAfterLocking_leavesAPlacingHoldThatTheNextSweepRollsBack() {
        CatalogueEntry recording = recordings.activeOverAnOlderVersion(TODAY.minusDays(2));
        HoldService crashing = holdService(new BucketWithHooks(bucket).beforeTagging((version, tags) -> {
            throw new IllegalStateException("the function stopped here");
        }));

        assertThatThrownBy(() -> crashing.place(new HoldRequest(recording.recordingId(), "police", "CRIME-9", "dpo-1", TODAY.plusDays(30)),
                unaudited -> { })).hasMessage("the function stopped here");

        assertThat(recordings.repositories().holds().on(recording.recordingId())).as("not claimed active").singleElement().extracting(Hold::status)
                .isEqualTo(Hold.Status.PLACING);
        assertThat(recordings.keeping(recording)).as("locked, so kept meanwhile").isEqualTo(new Keeping(2, 2, 0, RecordingState.ACTIVE));

        assertThat(holds.settleUnfinished()).isGreaterThanOrEqualTo(1);

        assertThat(recordings.repositories().holds().on(recording.recordingId())).singleElement().extracting(Hold::status).isEqualTo(Hold.Status.NOT_PLACED);
        assertThat(recordings.keeping(recording)).isEqualTo(Keeping.notHeld(2, RecordingState.ACTIVE));
    }

    @Test
    void release_whenItStopsPartWay_isFinishedByTheNextSweepOrByReleasingAgain() {
        CatalogueEntry bySweep = recordings.activeOverAnOlderVersion(TODAY.minusDays(3));
        CatalogueEntry byRetry = recordings.activeOverAnOlderVersion(TODAY.minusDays(3));
        Hold first = placed(bySweep, "subject-access", TODAY.plusDays(7));
        Hold second = placed(byRetry, "subject-access", TODAY.plusDays(7));
        HoldService crashing = holdService(new BucketWithHooks(bucket).beforeLegalHold((version, on) -> {
            if (!on) {
                throw new IllegalStateException("the function stopped here");
            }
        }));
        assertThatThrownBy(() -> crashing.release(bySweep.recordingId(), first.holdId(), "dpo-1", unaudited -> { }));
        assertThatThrownBy(() -> crashing.release(byRetry.recordingId(), second.holdId(), "dpo-1", unaudited -> { }));
        assertThat(recordings.repositories().holds().on(bySweep.recordingId())).singleElement().extracting(Hold::status).isEqualTo(Hold.Status.RELEASING);
        assertThat(recordings.keeping(bySweep).locked()).as("still kept").isEqualTo(2);

        HoldOutcome again = holds.release(byRetry.recordingId(), second.holdId(), "dpo-1", unaudited -> { });
        holds.settleUnfinished();

        assertThat(again).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.dueOn()).isEqualTo(TODAY));
        for (CatalogueEntry recording : new CatalogueEntry[] {bySweep, byRetry}) {
            assertThat(recordings.repositories().holds().on(recording.recordingId())).singleElement().extracting(Hold::status).isEqualTo(Hold.Status.RELEASED);
            assertThat(recordings.keeping(recording)).isEqualTo(Keeping.notHeld(2, RecordingState.ACTIVE));
        }
    }

    @Test
    void settleUnfinished_whenAnotherRequestIsChangingTheHolds_leavesThemToIt() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(9));
        HoldService crashing = holdService(new BucketWithHooks(bucket).beforeTagging((version, tags) -> {
            throw new IllegalStateException("the function stopped here");
        }));
        assertThatThrownBy(() -> crashing.place(new HoldRequest(recording.recordingId(), "police", "CRIME-10", "dpo-1", TODAY.plusDays(30)),
                unaudited -> { }));
        Instant now = Instant.now();
        assertThat(recordings.repositories().holds().claim(recording.recordingId(), "someone-else", now, now.plusSeconds(60))).isTrue();

        holds.settleUnfinished();

        assertThat(recordings.repositories().holds().on(recording.recordingId())).singleElement().extracting(Hold::status).isEqualTo(Hold.Status.PLACING);
        recordings.repositories().holds().endClaim(recording.recordingId(), "someone-else");
    }

    @Test
    void reviewsOverdue_whenReviewDatePassed_listsOnlyActiveHolds() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(20));
        Hold due = placed(recording, "police", TODAY.plusDays(2));
        Hold later = placed(recording, "complaint-or-dispute", TODAY.plusDays(9));
        Hold released = placed(recording, "safeguarding", TODAY.plusDays(1));
        holds.release(recording.recordingId(), released.holdId(), "dpo-1", unaudited -> { });

        assertThat(holds.reviewsOverdue(TODAY.plusDays(3))).extracting(Hold::holdId).contains(due.holdId())
                .doesNotContain(later.holdId(), released.holdId());
    }

    private static HoldService holdService(RetentionStore store) {
        return new HoldService(PolicyBook.bundled(Map.of()), recordings.repositories().catalogue(), recordings.repositories().holds(), store,
                Clock.systemUTC());
    }

    private static Hold placed(CatalogueEntry recording, String reason, LocalDate reviewOn) {
        return ((HoldOutcome.Placed) holds.place(new HoldRequest(recording.recordingId(), reason, "REF-" + reason, "manager-1", reviewOn),
                unaudited -> { })).hold();
    }

    private static HoldOutcome.Refusal refusal(HoldRequest request) {
        return ((HoldOutcome.Refused) holds.place(request, unaudited -> { })).refusal();
    }
}
