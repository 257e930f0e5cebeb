package uk.callretention.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
 * is kept for a case that outweighs the request until it is released. Training copies made of it, which hold none of
 * the caller's details, are not erased with it: the answer names them, for the DPO to decide about. Object Lock backs this up: a legal hold placed
 * meanwhile makes S3 refuse the delete, and the erasure reports itself incomplete rather than done.
 *
 * <p>An erasure is of the recording as the catalogue showed it: its version and every earlier version of the key. A
 * version uploaded under the same key after it (while the erasure runs, or before its tagging caught up) is a new
 * recording: it is kept, catalogued by the tagger as any upload, and can be erased in its turn. So the erasure
 * deletes only versions it listed up to the catalogued one, the catalogued version last (a retry that no longer
 * finds it knows every earlier one is gone), and writes the tombstone only while the catalogue still names the
 * erased version: the catalogue never names a version that is gone, whichever of the two runs first.
 */
public final class Erasure {

    /** S3's limit of keys in one DeleteObjects call. */
    static final int MAX_KEYS_PER_CALL = 1000;

    private final RecordingScope scope;
    private final RetentionCatalogue catalogue;
    private final Holds holds;
    private final RetentionStore store;
    private final ErasedRecordings tombstones;
    private final AccessAudit audit;
    private final Clock clock;

    public Erasure(PolicyBook policies, RetentionCatalogue catalogue, Holds holds, RetentionStore store, ErasedRecordings tombstones,
                   AuditLog log, Clock clock) {
        this.scope = new RecordingScope(policies, catalogue::find);
        this.catalogue = catalogue;
        this.holds = holds;
        this.store = store;
        this.tombstones = tombstones;
        this.audit = new AccessAudit(log);
        this.clock = clock;
    }

    /** @param trainingCopies the training copies made of it, which the erasure leaves, for the DPO to decide about */
    public record Erased(String recordingId, int versionsDeleted, LocalDate erasedOn, List<String> trainingCopies) {
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
            Recording recording = Recording.of(store.versionsOf(entry.objectKey()), entry.versionId());
            event.detail("versions", Integer.toString(recording.size())).allowed();
            LocalDate today = LocalDate.ofInstant(now, RetentionSchedule.UK);
            if (!deleteAll(recording.before()) || !deleteAll(recording.catalogued())
                    || tombstones.tombstone(entry, today) == ErasedRecordings.Tombstoning.CHANGED) {
                return Outcome.refused(Refusal.ERASURE_INCOMPLETE);
            }
            return Outcome.done(new Erased(entry.recordingId(), recording.versionsDeleted(), today, catalogue.trainingCopiesOf(entry.recordingId())));
        }));
    }

    /**
     * The versions an erasure deletes, from the key's listing (versions newest first, then delete markers): the ones
     * before the catalogued version, with the delete markers when no newer version exists; then the catalogued one.
     */
    private record Recording(List<ObjectVersion> before, List<ObjectVersion> catalogued) {

        static Recording of(List<ObjectVersion> listed, String versionId) {
            List<ObjectVersion> versions = listed.stream().filter(v -> !v.deleteMarker()).toList();
            List<ObjectVersion> markers = listed.stream().filter(ObjectVersion::deleteMarker).toList();
            int at = versions.stream().map(ObjectVersion::versionId).toList().indexOf(versionId);
            if (at < 0) {
                // Deleted by an earlier attempt, after every version before it: what remains is newer, a new recording.
                return new Recording(versions.isEmpty() ? markers : List.of(), List.of());
            }
            List<ObjectVersion> before = new ArrayList<>(versions.subList(at + 1, versions.size()));
            if (at == 0) {
                before.addAll(markers);
            }
            return new Recording(before, List.of(versions.get(at)));
        }

        int size() {
            return before.size() + catalogued.size();
        }

        int versionsDeleted() {
            return (int) Stream.concat(before.stream(), catalogued.stream()).filter(v -> !v.deleteMarker()).count();
        }
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
