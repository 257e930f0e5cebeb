package uk.callretention.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.HoldReason;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * Places and releases holds. A held recording is kept three ways, so that neither a stale catalogue nor the bucket's
 * lifecycle can delete it: a legal hold on its version (S3 Object Lock refuses to delete it, whoever asks), its
 * retention tag switched to {@value Hold#RETENTION_TAG} (no lifecycle rule matches), and the catalogue state HELD
 * (out of the sweep's index). Releasing the last hold undoes all three and files the recording under its expiry
 * date, or under today when that has passed, so the next sweep deletes it.
 *
 * <p>Effects run bucket first, catalogue last: a failure part way leaves the recording kept, never exposed, and
 * releasing again finishes the job.
 */
public final class HoldService {

    private static final int MAX_REFERENCE = 200;

    private final PolicyBook policies;
    private final RetentionCatalogue catalogue;
    private final Holds holds;
    private final RetentionStore store;
    private final AuditLog audit;
    private final Clock clock;

    public HoldService(PolicyBook policies, RetentionCatalogue catalogue, Holds holds, RetentionStore store, AuditLog audit, Clock clock) {
        this.policies = policies;
        this.catalogue = catalogue;
        this.holds = holds;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public HoldOutcome place(HoldRequest request) {
        Optional<CatalogueEntry> found = catalogue.find(request.recordingId());
        if (found.isEmpty()) {
            return refused(HoldOutcome.Refusal.NO_SUCH_RECORDING);
        }
        CatalogueEntry entry = found.get();
        if (entry.state() == RecordingState.DELETED) {
            return refused(HoldOutcome.Refusal.RECORDING_DELETED);
        }
        Set<HoldReason> allowed = Optional.ofNullable(entry.council()).flatMap(policies::council).map(CouncilPolicy::holdReasons).orElse(Set.of());
        Optional<HoldReason> reason = HoldReason.fromId(request.reason()).filter(allowed::contains);
        if (reason.isEmpty()) {
            return refused(HoldOutcome.Refusal.REASON_NOT_ALLOWED);
        }
        if (blank(request.reference()) || request.reference().length() > MAX_REFERENCE || request.reference().chars().anyMatch(Character::isISOControl)) {
            return refused(HoldOutcome.Refusal.REFERENCE_REQUIRED);
        }
        if (blank(request.placedBy())) {
            return refused(HoldOutcome.Refusal.PLACED_BY_REQUIRED);
        }
        Instant now = clock.instant();
        if (request.reviewOn() == null || !request.reviewOn().isAfter(today(now))) {
            return refused(HoldOutcome.Refusal.REVIEW_DATE_NOT_AFTER_TODAY);
        }
        Hold hold = new Hold(entry.recordingId(), "hold-" + UUID.randomUUID(), entry.council(), reason.get(), request.reference(),
                request.placedBy(), now, request.reviewOn(), null, null);
        audit.record(event(AuditAction.HOLD_PLACED, hold, entry, hold.placedBy(), now));
        holds.add(hold);
        store.setLegalHold(entry.objectKey(), entry.versionId(), true);
        RetentionTags.write(store, entry, true);
        catalogue.markHeld(entry);
        return new HoldOutcome.Placed(hold);
    }

    /**
     * Releases one hold. When it was the last, the recording is due again: on its expiry date, or at the next sweep
     * when that has passed. Releasing a hold already released finishes a release that failed part way, and is
     * refused otherwise.
     */
    public HoldOutcome release(String recordingId, String holdId, String releasedBy) {
        Optional<Hold> found = holds.find(recordingId, holdId);
        if (found.isEmpty()) {
            return refused(HoldOutcome.Refusal.NO_SUCH_HOLD);
        }
        if (blank(releasedBy)) {
            return refused(HoldOutcome.Refusal.RELEASED_BY_REQUIRED);
        }
        Hold hold = found.get();
        Optional<CatalogueEntry> entry = catalogue.find(recordingId);
        Instant now = clock.instant();
        boolean releasedNow = hold.active();
        if (releasedNow) {
            hold = hold.released(releasedBy, now);
            audit.record(event(AuditAction.HOLD_RELEASED, hold, entry.orElse(null), releasedBy, now));
            if (!holds.release(hold)) {
                return refused(HoldOutcome.Refusal.ALREADY_RELEASED);
            }
        }
        if (holds.on(recordingId).stream().anyMatch(Hold::active)) {
            return new HoldOutcome.Released(hold, true, null);
        }
        if (entry.isEmpty() || entry.get().state() != RecordingState.HELD) {
            return releasedNow ? new HoldOutcome.Released(hold, false, null) : refused(HoldOutcome.Refusal.ALREADY_RELEASED);
        }
        return new HoldOutcome.Released(hold, false, restore(entry.get(), today(now)));
    }

    /** Every hold on the recording, active and released, for the API to show. */
    public List<Hold> holdsOn(String recordingId) {
        return holds.on(recordingId);
    }

    /** Active holds whose review date has passed, in every council. */
    public List<Hold> reviewsOverdue(LocalDate today) {
        List<Hold> overdue = new ArrayList<>();
        policies.councils().forEach(council -> overdue.addAll(holds.reviewOverdue(council.id(), today)));
        return overdue;
    }

    private LocalDate restore(CatalogueEntry entry, LocalDate today) {
        RetentionTags.write(store, entry, false);
        store.setLegalHold(entry.objectKey(), entry.versionId(), false);
        LocalDate dueOn = SweepCalendar.indexDay(entry.expiresOn(), today);
        catalogue.markReleased(entry, dueOn);
        return dueOn;
    }

    private static AuditEvent event(AuditAction action, Hold hold, CatalogueEntry entry, String actor, Instant at) {
        return new AuditEvent(UUID.randomUUID().toString(), at, hold.recordingId(), entry == null ? null : entry.versionId(), action, actor,
                hold.council(), null, hold.reference(), "allowed",
                Map.of("holdId", hold.holdId(), "reason", hold.reason().id(), "reviewOn", hold.reviewOn().toString()));
    }

    private static HoldOutcome refused(HoldOutcome.Refusal refusal) {
        return new HoldOutcome.Refused(refusal);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, RetentionSchedule.UK);
    }
}
