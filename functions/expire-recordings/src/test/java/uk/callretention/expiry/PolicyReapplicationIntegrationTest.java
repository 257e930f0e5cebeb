package uk.callretention.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.callretention.audit.AuditAction;
import uk.callretention.aws.RetentionRepositories;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.Hold;
import uk.callretention.retention.HoldRequest;
import uk.callretention.retention.PolicyReapplication;
import uk.callretention.retention.ReapplyReport;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/** Recordings catalogued under an older Rutland policy (version 0) meet the bundled one (version 1, P3M). */
@ExtendWith(LocalAwsExtension.class)
class PolicyReapplicationIntegrationTest {

    static LocalAws aws;
    static final LocalDate TODAY = LocalDate.now(RetentionSchedule.UK);

    @Test
    void reapply_whenPolicyChanged_dryRunCountsMovesThenApplyRetagsUpdatesAndAudits() {
        Recordings recordings = new Recordings(aws);
        RetentionRepositories repositories = recordings.repositories();
        PolicyBook policies = PolicyBook.bundled(Map.of());
        PolicyReapplication reapplication = repositories.policyReapplication(policies, new LogLine(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()), Clock.systemUTC());
        LocalDate recentlyRecorded = TODAY.minusDays(20);
        LocalDate longAgoRecorded = TODAY.minusDays(100);
        CatalogueEntry keptLonger = recordings.catalogued(RecordingState.ACTIVE, "P1M", recentlyRecorded, recentlyRecorded.plusMonths(1), "rutland@0");
        CatalogueEntry nowDue = recordings.catalogued(RecordingState.ACTIVE, "P12M", longAgoRecorded, longAgoRecorded.plusMonths(12), "rutland@0");
        CatalogueEntry unchanged = recordings.catalogued(RecordingState.ACTIVE, "P3M", recentlyRecorded, recentlyRecorded.plusMonths(3), "rutland@1");
        CatalogueEntry held = recordings.catalogued(RecordingState.ACTIVE, "P1M", recentlyRecorded, recentlyRecorded.plusMonths(1), "rutland@0");
        repositories.holdService(policies, Clock.systemUTC()).place(new HoldRequest(held.recordingId(), "police", "CRIME-1", "dpo-1", TODAY.plusDays(30)), unaudited -> { });

        ReapplyReport dryRun = reapplication.run(Optional.of("rutland"), true, TODAY, Deadline.NONE);

        assertThat(dryRun).extracting(ReapplyReport::examined, ReapplyReport::earlier, ReapplyReport::later, ReapplyReport::nowDue, ReapplyReport::applied)
                .containsExactly(4, 1, 2, 1, 0);
        assertThat(repositories.store().tags(keptLonger.objectKey(), keptLonger.versionId())).containsEntry(RecordingTags.RETENTION, "P1M");
        assertThat(recordings.current(keptLonger).expiresOn()).isEqualTo(keptLonger.expiresOn());

        ReapplyReport applied = reapplication.run(Optional.of("rutland"), false, TODAY, Deadline.NONE);

        assertThat(applied.applied()).isEqualTo(3);
        assertThat(repositories.store().tags(keptLonger.objectKey(), keptLonger.versionId()))
                .containsEntry(RecordingTags.RETENTION, "P3M")
                .containsEntry(RecordingTags.EXPIRES, recentlyRecorded.plusMonths(3).toString())
                .containsEntry(RecordingTags.POLICY, "rutland@1");
        assertThat(recordings.current(keptLonger)).extracting(CatalogueEntry::retentionClass, CatalogueEntry::expiresOn, CatalogueEntry::policyRef)
                .containsExactly("P3M", recentlyRecorded.plusMonths(3), "rutland@1");
        assertThat(repositories.catalogue().indexedUnder(ExpiryShard.of(TODAY, nowDue.recordingId())))
                .extracting(CatalogueEntry::recordingId).contains(nowDue.recordingId());
        assertThat(repositories.store().tags(held.objectKey(), held.versionId()))
                .containsEntry(RecordingTags.RETENTION, Hold.RETENTION_TAG)
                .containsEntry(RecordingTags.EXPIRES, recentlyRecorded.plusMonths(3).toString());
        assertThat(recordings.current(held).state()).isEqualTo(RecordingState.HELD);
        assertThat(repositories.audit().trailOf(keptLonger.recordingId())).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.POLICY_REAPPLIED);
            assertThat(event.details()).containsEntry("fromExpiresOn", keptLonger.expiresOn().toString())
                    .containsEntry("toExpiresOn", recentlyRecorded.plusMonths(3).toString());
        });
        assertThat(repositories.audit().trailOf(unchanged.recordingId())).isEmpty();

        ReapplyReport again = reapplication.run(Optional.empty(), false, TODAY, Deadline.NONE);

        assertThat(again).extracting(ReapplyReport::examined, ReapplyReport::earlier, ReapplyReport::later, ReapplyReport::applied)
                .containsExactly(4, 0, 0, 0);
    }
}
