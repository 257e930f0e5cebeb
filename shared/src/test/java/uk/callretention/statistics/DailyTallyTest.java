package uk.callretention.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.anEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

class DailyTallyTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final CouncilPolicy RUTLAND = PolicyBook.bundled(Map.of()).council("rutland").orElseThrow();

    @ParameterizedTest(name = "expired {0}: {1}")
    @CsvSource({"2026-11-20, on-the-day", "2026-11-25, on-the-day", "2026-11-19, 1-day-late", "2026-11-18, 2-to-7-days-late",
            "2026-11-13, 2-to-7-days-late", "2026-11-12, 8-or-more-days-late", "2025-01-01, 8-or-more-days-late"})
    void audited_whenTheSweepDeleted_countsHowLate(LocalDate expiresOn, String band) {
        DailyTally tally = new DailyTally(RUTLAND, DAY);

        tally.audited(event(AuditAction.DELETED, null, "allowed", Map.of("reason", "retention-expired", "expiresOn", expiresOn.toString())));

        assertThat(tally.counts().counts()).containsExactly(Map.entry(new Cell(Measure.DELETED_BY_DAYS_LATE, band), 1L));
    }

    @Test
    void audited_whenOutcomesAndTextVary_countsFinalAllowedOnesAndNeverTypedText() {
        DailyTally tally = new DailyTally(RUTLAND, DAY);

        tally.audited(event(AuditAction.PLAYBACK_URL_ISSUED, "complaint", "allowed", Map.of()));
        tally.audited(event(AuditAction.PLAYBACK_URL_ISSUED, "complaint", "pending", Map.of()));
        tally.audited(event(AuditAction.PLAYBACK_REFUSED, "complaint", "not-permitted", Map.of()));
        tally.audited(event(AuditAction.PLAYBACK_REFUSED, "Mrs Smith's complaint", "bad-request", Map.of()));
        tally.audited(event(AuditAction.PLAYBACK_REFUSED, "dispute", "purpose-not-allowed", Map.of()));
        tally.audited(event(AuditAction.HOLD_PLACED, null, "allowed", Map.of("reason", "police")));
        tally.audited(event(AuditAction.HOLD_PLACED, null, "reason-not-allowed", Map.of("reason", "because")));
        tally.audited(event(AuditAction.HOLD_RELEASED, null, "allowed", Map.of("reason", "police")));
        tally.audited(event(AuditAction.SUBJECT_ACCESS_SEARCH, null, "allowed", Map.of()));
        tally.audited(event(AuditAction.SUBJECT_ACCESS_SEARCH, null, "not-permitted", Map.of()));
        tally.audited(event(AuditAction.SUBJECT_ACCESS_EXPORT_REQUESTED, null, "allowed", Map.of()));
        tally.audited(event(AuditAction.SUBJECT_ACCESS_EXPORT_REQUESTED, null, "not-permitted", Map.of()));
        tally.audited(event(AuditAction.ERASED, null, "allowed", Map.of()));
        tally.audited(event(AuditAction.LISTED, null, "allowed", Map.of()));
        tally.holdsOverdue(0);

        assertThat(tally.counts().sorted()).containsExactly(
                Map.entry(new Cell(Measure.HELD_BY_REASON, "police"), 1L),
                Map.entry(new Cell(Measure.RELEASED_BY_REASON, "police"), 1L),
                Map.entry(new Cell(Measure.HOLDS_OVERDUE_FOR_REVIEW, Measure.ALL), 0L),
                Map.entry(new Cell(Measure.PLAYBACKS_ALLOWED_BY_PURPOSE, "complaint"), 1L),
                Map.entry(new Cell(Measure.PLAYBACKS_REFUSED_BY_PURPOSE, "complaint"), 1L),
                Map.entry(new Cell(Measure.PLAYBACKS_REFUSED_BY_PURPOSE, DailyTally.OTHER), 2L),
                Map.entry(new Cell(Measure.SUBJECT_ACCESS_SEARCHES, Measure.ALL), 1L),
                Map.entry(new Cell(Measure.SUBJECT_ACCESS_EXPORTS, Measure.ALL), 1L),
                Map.entry(new Cell(Measure.ERASURES, Measure.ALL), 1L));
    }

    @Test
    void received_whenATrainingCopyWasMadeThatDay_countsItAsACopyNotAsReceived() {
        DailyTally tally = new DailyTally(RUTLAND, DAY);

        tally.received(recording(null));
        tally.received(recording("rec-source"));

        assertThat(tally.counts().sorted()).containsExactly(
                Map.entry(new Cell(Measure.RECEIVED_BY_CHANNEL, "phone"), 1L),
                Map.entry(new Cell(Measure.RECEIVED_BY_TEAM, "customer-services"), 1L),
                Map.entry(new Cell(Measure.TRAINING_COPIES_BY_TEAM, "customer-services"), 1L));
    }

    private static CatalogueEntry recording(String trainingCopyOf) {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        return anEntry().recordingId("rec-" + trainingCopyOf).objectKey("key").versionId("v1").ordering("1").state(RecordingState.ACTIVE)
                .council("rutland").team("customer-services").channel("phone").recordedAt(at).recordedOn(DAY).retentionClass("P12M")
                .expiresOn(DAY.plusMonths(12)).policyRef("rutland@1").contentType("audio/wav").sizeBytes(10).cataloguedAt(at)
                .trainingCopyOf(trainingCopyOf).build();
    }

    private static AuditEvent event(AuditAction action, String purpose, String outcome, Map<String, String> details) {
        return new AuditEvent("e", Instant.parse("2026-11-20T10:00:00Z"), "rec-1", "v1", action, "user-1", "rutland", purpose, null, outcome, details);
    }
}
