package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Hold;
import uk.callretention.retention.HoldOutcome;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.HoldService;
import uk.callretention.retention.RetentionStore;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

@ExtendWith(LocalAwsExtension.class)
class HoldServiceIntegrationTest {

    static LocalAws aws;
    static Recordings recordings;
    static HoldService holds;
    static RetentionStore bucket;
    static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);

    @BeforeAll
    static void stack() {
        recordings = new Recordings(aws);
        holds = recordings.repositories().holdService(PolicyBook.bundled(Map.of()), Clock.systemUTC());
        bucket = recordings.repositories().store();
    }

    @Test
    void place_whenReasonIsTheCouncils_keepsTheRecordingInBucketLifecycleAndCatalogue() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(5));
        bucket.replaceTags(recording.objectKey(), recording.versionId(), RecordingTags.merge(Map.of("platform-ref", "x1"), RecordingTags.of(recording)));

        HoldOutcome outcome = holds.place(new HoldRequest(recording.recordingId(), "legal-claim", "HWY-2026-0042", "manager-1", TODAY.plusMonths(3)));

        assertThat(outcome).isInstanceOf(HoldOutcome.Placed.class);
        Hold hold = ((HoldOutcome.Placed) outcome).hold();
        assertThat(bucket.isUnderLegalHold(recording.objectKey(), recording.versionId())).isTrue();
        assertThat(bucket.tags(recording.objectKey(), recording.versionId()))
                .containsEntry(RecordingTags.RETENTION, Hold.RETENTION_TAG)
                .containsEntry(RecordingTags.EXPIRES, recording.expiresOn().toString())
                .containsEntry("platform-ref", "x1");
        assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.HELD);
        assertThat(recordings.repositories().catalogue().indexedUnder(ExpiryShard.of(recording.expiresOn(), recording.recordingId())))
                .extracting(CatalogueEntry::recordingId).doesNotContain(recording.recordingId());
        assertThat(holds.holdsOn(recording.recordingId())).containsExactly(hold);
        assertThat(recordings.repositories().audit().trailOf(recording.recordingId())).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.HOLD_PLACED);
            assertThat(event.actor()).isEqualTo("manager-1");
            assertThat(event.reference()).isEqualTo("HWY-2026-0042");
            assertThat(event.details()).containsEntry("reason", "legal-claim").containsEntry("holdId", hold.holdId());
        });
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
        assertThat(refusal(new HoldRequest("rec-00000000000000000000000000000000", "police", "REF-1", "dpo-1", TODAY.plusDays(1))))
                .isEqualTo(HoldOutcome.Refusal.NO_SUCH_RECORDING);
        assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(bucket.isUnderLegalHold(recording.objectKey(), recording.versionId())).isFalse();
    }

    @Test
    void release_whenOtherHoldsRemain_keepsTheRecordingUntilTheLastGoes() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(20));
        Hold complaint = placed(recording, "complaint-or-dispute", TODAY.plusDays(10));
        Hold police = placed(recording, "police", TODAY.plusDays(40));

        HoldOutcome first = holds.release(recording.recordingId(), complaint.holdId(), "manager-1");

        assertThat(first).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.stillHeld()).isTrue());
        assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.HELD);
        assertThat(bucket.isUnderLegalHold(recording.objectKey(), recording.versionId())).isTrue();

        HoldOutcome last = holds.release(recording.recordingId(), police.holdId(), "dpo-1");

        assertThat(last).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.dueOn()).isEqualTo(recording.expiresOn()));
        assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(bucket.isUnderLegalHold(recording.objectKey(), recording.versionId())).isFalse();
        assertThat(bucket.tags(recording.objectKey(), recording.versionId())).containsEntry(RecordingTags.RETENTION, "P3M");
        assertThat(recordings.repositories().catalogue().indexedUnder(ExpiryShard.of(recording.expiresOn(), recording.recordingId())))
                .extracting(CatalogueEntry::recordingId).contains(recording.recordingId());
        assertThat(holds.release(recording.recordingId(), police.holdId(), "dpo-1"))
                .isEqualTo(new HoldOutcome.Refused(HoldOutcome.Refusal.ALREADY_RELEASED));
        assertThat(recordings.repositories().audit().trailOf(recording.recordingId())).extracting(AuditEvent::action)
                .containsExactlyInAnyOrder(AuditAction.HOLD_PLACED, AuditAction.HOLD_PLACED, AuditAction.HOLD_RELEASED, AuditAction.HOLD_RELEASED);
    }

    @Test
    void release_whenAnEarlierReleaseStoppedPartWay_finishesIt() {
        CatalogueEntry recording = recordings.active(TODAY.minusDays(3));
        Hold hold = placed(recording, "subject-access", TODAY.plusDays(7));
        // As if the release had marked the hold and then stopped before the bucket and the catalogue.
        recordings.repositories().holds().release(new Hold(hold.recordingId(), hold.holdId(), hold.council(), hold.reason(), hold.reference(),
                hold.placedBy(), hold.placedAt(), hold.reviewOn(), "dpo-1", hold.placedAt().plusSeconds(1)));

        HoldOutcome again = holds.release(recording.recordingId(), hold.holdId(), "dpo-1");

        assertThat(again).isInstanceOfSatisfying(HoldOutcome.Released.class, r -> assertThat(r.dueOn()).isEqualTo(TODAY));
        assertThat(recordings.current(recording).state()).isEqualTo(RecordingState.ACTIVE);
        assertThat(bucket.isUnderLegalHold(recording.objectKey(), recording.versionId())).isFalse();
    }

    @Test
    void reviewsOverdue_whenReviewDatePassed_listsOnlyActiveHolds() {
        CatalogueEntry recording = recordings.active(TODAY.plusDays(20));
        Hold due = placed(recording, "police", TODAY.plusDays(2));
        Hold later = placed(recording, "complaint-or-dispute", TODAY.plusDays(9));
        Hold released = placed(recording, "safeguarding", TODAY.plusDays(1));
        holds.release(recording.recordingId(), released.holdId(), "dpo-1");

        assertThat(holds.reviewsOverdue(TODAY.plusDays(3))).extracting(Hold::holdId).contains(due.holdId())
                .doesNotContain(later.holdId(), released.holdId());
    }

    private static Hold placed(CatalogueEntry recording, String reason, LocalDate reviewOn) {
        return ((HoldOutcome.Placed) holds.place(new HoldRequest(recording.recordingId(), reason, "REF-" + reason, "manager-1", reviewOn))).hold();
    }

    private static HoldOutcome.Refusal refusal(HoldRequest request) {
        return ((HoldOutcome.Refused) holds.place(request)).refusal();
    }
}
