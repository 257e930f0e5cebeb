package uk.callretention.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.Hold;
import uk.callretention.retention.Holds;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionCatalogue;
import uk.callretention.retention.RetentionStore;

/**
 * Erases a recording at its subject's request, for the council's DPO: every version goes now, a tombstone without
 * personal data stays, and the trail says who erased it and on whose request. A held recording is refused: a hold
 * is kept for a case that outweighs the request until it is released. Object Lock backs this up: a legal hold placed
 * meanwhile makes S3 refuse the delete, and the erasure reports itself incomplete rather than done.
 */
public final class Erasure {

    /** S3's limit of keys in one DeleteObjects call. */
    static final int MAX_KEYS_PER_CALL = 1000;

    private final RecordingScope scope;
    private final Holds holds;
    private final RetentionStore store;
    private final ErasedRecordings tombstones;
    private final AccessAudit audit;
    private final Clock clock;

    public Erasure(PolicyBook policies, RetentionCatalogue catalogue, Holds holds, RetentionStore store, ErasedRecordings tombstones,
                   AuditLog log, Clock clock) {
        this.scope = new RecordingScope(policies, catalogue::find);
        this.holds = holds;
        this.store = store;
        this.tombstones = tombstones;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    public record Erased(String recordingId, int versionsDeleted, LocalDate erasedOn) {
    }

    public Outcome<Erased> erase(StaffMember who, String recordingId, JsonBody body) {
        Instant now = clock.instant();
        RecordingScope.Located located = scope.locate(who, recordingId);
        AccessAudit.Event event = audit.about(located, who, AuditAction.ERASED, now);
        return event.settle(() -> body.fields().then(fields -> {
            Optional<String> reference = fields.requiredText("reference", PlaybackRequest.MAX_REFERENCE);
            Optional<String> note = fields.text("note", PlaybackRequest.MAX_NOTE);
            if (fields.problem().isPresent()) {
                return Outcome.refused(fields.problem().get());
            }
            event.why(null, reference.get()).detail("note", note.orElse(null));
            CatalogueEntry entry = located.entry();
            Optional<Refusal> refusal = AccessRules.onExisting(located.standing(), entry == null ? null : entry.state(), Standing.DPO)
                    .or(() -> isHeld(entry) ? Optional.of(Refusal.RECORDING_HELD) : Optional.empty());
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
            List<ObjectVersion> versions = store.versionsOf(entry.objectKey());
            event.detail("versions", Integer.toString(versions.size())).allowed();
            LocalDate today = LocalDate.ofInstant(now, RetentionSchedule.UK);
            if (!deleteAll(versions) || !tombstones.tombstone(entry, today)) {
                return Outcome.refused(Refusal.ERASURE_INCOMPLETE);
            }
            return Outcome.done(new Erased(entry.recordingId(), (int) versions.stream().filter(v -> !v.deleteMarker()).count(), today));
        }));
    }

    private boolean isHeld(CatalogueEntry entry) {
        return entry.state() == RecordingState.HELD || holds.on(entry.recordingId()).stream().anyMatch(Hold::active);
    }

    private boolean deleteAll(List<ObjectVersion> versions) {
        List<ObjectVersion> refused = new ArrayList<>();
        for (int start = 0; start < versions.size(); start += MAX_KEYS_PER_CALL) {
            refused.addAll(store.delete(versions.subList(start, Math.min(versions.size(), start + MAX_KEYS_PER_CALL))));
        }
        return refused.isEmpty();
    }
}
