package uk.callretention.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.HoldReason;
import uk.callretention.policy.PolicyBook;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * Places and releases holds. A held recording is kept three ways, so that neither a stale catalogue nor the bucket's
 * lifecycle can delete it: a legal hold on every version (S3 Object Lock refuses to delete a locked version, whoever
 * asks), every version's retention tag switched to {@value Hold#RETENTION_TAG} (no lifecycle rule matches), and the
 * catalogue state HELD (out of the sweep's index). Releasing the last hold undoes all three on every version and files
 * the recording under its expiry date, or under today when that has passed, so the next sweep deletes it.
 *
 * <p>Changes to one recording's holds are made one at a time, under a claim on the recording in the holds table that
 * runs out after {@link #CLAIM}, longer than the API function's 30-second timeout, so a claimant that died has stopped
 * by then; a request that cannot claim the recording within {@link #WAIT} is refused as busy. The sweep and an erasure
 * take no claim: they delete only versions they find unlocked, and S3 refuses to delete a locked one.
 *
 * <p>Placing, in this order: the hold is written {@code PLACING}, which keeps nothing and says so; every version is
 * locked, and the versions are listed again until no new one has appeared. If the catalogued version has gone, or a
 * version vanished before it could be locked, the catalogue is read again: when it names another live version (the
 * tagger's scrub repointed it at its copy, then deleted the upload), placing carries on with that one. When it still
 * names the version gone, or the recording is deleted, the sweep or an erasure got there first: the locks put on are taken off
 * again (unless another hold keeps the recording), the hold is marked {@code NOT_PLACED} and the request is answered
 * {@code recording-deleted}. Otherwise every version is tagged held and the catalogue marked HELD, the versions are
 * listed once more, and only then is the hold marked {@code ACTIVE}: an active hold always has its locks. A version
 * stored under the key later is part of the held recording, and the tagger locks it when the catalogue says HELD
 * (see {@code RecordingTagger}). Releasing: the hold is marked {@code RELEASING};
 * if no other hold is active, every version's tag is restored and its lock taken off and the catalogue files the
 * recording for the sweep, and any version the tagger locked meanwhile is unlocked; then the hold is marked {@code RELEASED}.
 *
 * <p>A request that stops part way (a crash, a timeout) leaves its hold {@code PLACING} or {@code RELEASING}, which
 * claims no more than happened: only an active hold keeps a recording, and a lock left on only keeps it longer. The
 * next sweep settles each such hold once its claim has run out, by {@link #settleUnfinished}: a placing hold is rolled
 * back, never finished, as its request was answered with an error and whoever asked will ask again; a releasing one is
 * finished; and the recording's locks, tags and catalogue state are made to match its active holds.
 */
public final class HoldService {

    /** How long a claim on a recording's holds lasts: longer than any request that takes it can run. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    /** How long a request waits for another change to the same recording's holds to finish. */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_REFERENCE = 200;
    /** Listings while placing a hold: versions uploaded meanwhile are locked too, but not without end. */
    private static final int MAX_LISTINGS = 5;

    private final PolicyBook policies;
    private final RetentionCatalogue catalogue;
    private final Holds holds;
    private final RetentionStore store;
    private final Clock clock;

    public HoldService(PolicyBook policies, RetentionCatalogue catalogue, Holds holds, RetentionStore store, Clock clock) {
        this.policies = policies;
        this.catalogue = catalogue;
        this.holds = holds;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param beforeKeeping called with the hold once the request has passed every check, before anything is written:
     *                      the API audits it there, and if that throws nothing is held
     */
    public HoldOutcome place(HoldRequest request, Consumer<Hold> beforeKeeping) {
        Optional<CatalogueEntry> found = catalogue.find(request.recordingId());
        if (found.isEmpty()) {
            return refused(HoldOutcome.Refusal.NO_SUCH_RECORDING);
        }
        CatalogueEntry entry = found.get();
        if (entry.state() == RecordingState.DELETED) {
            return refused(HoldOutcome.Refusal.RECORDING_DELETED);
        }
        Optional<CouncilPolicy> policy = Optional.ofNullable(entry.council()).flatMap(policies::council);
        Set<HoldReason> allowed = policy.map(CouncilPolicy::holdReasons).orElse(Set.of());
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
        if (request.reviewOn().isAfter(policy.get().latestHoldReview(today(now)))) {
            return refused(HoldOutcome.Refusal.REVIEW_DATE_TOO_FAR);
        }
        Hold placing = new Hold(entry.recordingId(), "hold-" + UUID.randomUUID(), entry.council(), reason.get(), request.reference(),
                request.placedBy(), now, request.reviewOn(), null, null, Hold.Status.PLACING);
        beforeKeeping.accept(placing);
        return claimed(entry.recordingId(), () -> keep(placing));
    }

    /**
     * Releases one active hold. When it was the last, the recording is due again: on its expiry date, or at the next
     * sweep when that has passed. A hold left releasing by a request that stopped part way is finished.
     *
     * @param beforeReleasing called with the hold before anything is written, as {@code beforeKeeping} is when placing
     */
    public HoldOutcome release(String recordingId, String holdId, String releasedBy, Consumer<Hold> beforeReleasing) {
        Optional<Hold> found = holds.find(recordingId, holdId).filter(hold -> hold.status() != Hold.Status.PLACING
                && hold.status() != Hold.Status.NOT_PLACED);
        if (found.isEmpty()) {
            return refused(HoldOutcome.Refusal.NO_SUCH_HOLD);
        }
        if (blank(releasedBy)) {
            return refused(HoldOutcome.Refusal.RELEASED_BY_REQUIRED);
        }
        if (found.get().status() == Hold.Status.RELEASED) {
            return refused(HoldOutcome.Refusal.ALREADY_RELEASED);
        }
        beforeReleasing.accept(found.get());
        return claimed(recordingId, () -> {
            Hold read = holds.find(recordingId, holdId).orElseThrow();
            if (read.status() == Hold.Status.RELEASED) {
                return refused(HoldOutcome.Refusal.ALREADY_RELEASED);
            }
            Hold releasing = read.status() == Hold.Status.RELEASING ? read : read.releasing(releasedBy, clock.instant());
            if (releasing != read && !holds.change(read, releasing)) {
                return refused(HoldOutcome.Refusal.ALREADY_RELEASED);
            }
            boolean stillHeld = holds.on(recordingId).stream().anyMatch(Hold::active);
            LocalDate dueOn = stillHeld ? null : recording(recordingId).map(entry -> unkeep(entry, objectVersions(entry))).orElse(null);
            Hold released = releasing.released();
            holds.change(releasing, released);
            return new HoldOutcome.Released(released, stillHeld, dueOn);
        });
    }

    /** Active holds whose review date has passed, in every council. */
    public List<Hold> reviewsOverdue(LocalDate today) {
        List<Hold> overdue = new ArrayList<>();
        policies.councils().forEach(council -> overdue.addAll(holds.reviewOverdue(council.id(), today)));
        return overdue;
    }

    /**
     * Settles the holds that requests left placing or releasing, in every council, skipping recordings whose holds are
     * being changed now (their claim has not run out); the next run looks at those again.
     *
     * @return the holds settled
     */
    public int settleUnfinished() {
        int settled = 0;
        for (CouncilPolicy council : policies.councils()) {
            for (String recordingId : holds.unfinished(council.id()).stream().map(Hold::recordingId).distinct().toList()) {
                String claimant = "settle-" + UUID.randomUUID();
                Instant now = clock.instant();
                if (holds.claim(recordingId, claimant, now, now.plus(CLAIM))) {
                    try {
                        settled += settle(recordingId);
                    } finally {
                        holds.endClaim(recordingId, claimant);
                    }
                }
            }
        }
        return settled;
    }

    private HoldOutcome keep(Hold placing) {
        holds.add(placing);
        Optional<CatalogueEntry> entry = recording(placing.recordingId());
        List<String> locked = new ArrayList<>();
        Optional<CatalogueEntry> lockedAll = entry.flatMap(found -> lockEveryVersion(found, locked));
        if (lockedAll.isPresent() && held(lockedAll.get(), locked)) {
            Hold active = placing.activated();
            holds.change(placing, active);
            return new HoldOutcome.Placed(active);
        }
        Optional<CatalogueEntry> now = recording(placing.recordingId());
        if (now.isPresent() && holds.on(placing.recordingId()).stream().noneMatch(Hold::active)) {
            unkeep(now.get(), locked);
        }
        holds.change(placing, placing.notPlaced());
        return refused(HoldOutcome.Refusal.RECORDING_DELETED);
    }

    /**
     * Puts a legal hold on every version, listing again until no version has appeared since the last listing.
     *
     * <p>The tagger's scrub points the catalogue at its copy of the uploaded version, then deletes that version: a
     * hold that read the catalogue just before finds the version gone although the recording is there, under the copy.
     * So a version gone is read as a deletion only when the catalogue still names it, or names no live version.
     *
     * @param locked filled with the versions locked
     * @return the catalogue entry as it ended, or empty when the recording is being deleted: its catalogued version
     * has gone, or a version vanished before it could be locked, and the catalogue has not moved to another version
     */
    private Optional<CatalogueEntry> lockEveryVersion(CatalogueEntry entry, List<String> locked) {
        CatalogueEntry current = entry;
        for (int listing = 0; listing < MAX_LISTINGS; listing++) {
            List<String> present = objectVersions(current);
            List<String> unlocked = present.stream().filter(version -> !locked.contains(version)).toList();
            if (present.contains(current.versionId()) && lockEach(current.objectKey(), unlocked, locked)) {
                if (unlocked.isEmpty()) {
                    return Optional.of(current);
                }
            } else {
                Optional<CatalogueEntry> moved = movedOn(current);
                if (moved.isEmpty()) {
                    return Optional.empty();
                }
                current = moved.get();
            }
        }
        throw new IllegalStateException("new versions kept arriving while recording " + entry.recordingId() + " was being held");
    }

    /** @return {@code false} when a version vanished before it could be locked */
    private boolean lockEach(String key, List<String> versions, List<String> locked) {
        for (String version : versions) {
            if (!store.setLegalHold(key, version, true)) {
                return false;
            }
            locked.add(version);
        }
        return true;
    }

    /** The recording as the catalogue names it now, if that is another version than {@code was}'s and not deleted. */
    private Optional<CatalogueEntry> movedOn(CatalogueEntry was) {
        return recording(was.recordingId()).filter(now -> !now.versionId().equals(was.versionId()));
    }

    /**
     * Tags every locked version held and marks the catalogue, then lists once more: a version stored before the
     * catalogue said HELD, after the last listing, is locked and tagged too (the tagger locks those stored after).
     *
     * @return {@code false} when the catalogue says the recording was deleted, or it was deleted meanwhile
     */
    private boolean held(CatalogueEntry entry, List<String> locked) {
        locked.forEach(version -> RetentionTags.write(store, entry, version, true));
        if (!catalogue.markHeld(entry)) {
            return false;
        }
        int lockedBefore = locked.size();
        if (lockEveryVersion(entry, locked).isEmpty()) {
            return false;
        }
        locked.subList(lockedBefore, locked.size()).forEach(version -> RetentionTags.write(store, entry, version, true));
        return true;
    }

    /**
     * Restores each version's tags and takes its lock off, then files a held recording for the sweep. The tagger locks
     * a version stored under a held recording; one that read HELD just before the catalogue was released may lock it
     * after these versions were unlocked, so once released every version still locked is unlocked too.
     */
    private LocalDate unkeep(CatalogueEntry entry, List<String> versions) {
        versions.forEach(version -> unlock(entry, version));
        LocalDate dueOn = SweepCalendar.indexDay(entry.expiresOn(), today(clock.instant()));
        if (entry.state() == RecordingState.HELD) {
            catalogue.markReleased(entry, dueOn);
            objectVersions(entry).stream().filter(version -> store.isUnderLegalHold(entry.objectKey(), version))
                    .forEach(version -> unlock(entry, version));
        }
        return dueOn;
    }

    private void unlock(CatalogueEntry entry, String version) {
        RetentionTags.write(store, entry, version, false);
        store.setLegalHold(entry.objectKey(), version, false);
    }

    /** Makes the recording's locks, tags and catalogue state match its active holds, then settles its unfinished holds. */
    private int settle(String recordingId) {
        List<Hold> all = holds.on(recordingId);
        recording(recordingId).ifPresent(entry -> {
            if (all.stream().anyMatch(Hold::active)) {
                List<String> locked = new ArrayList<>();
                lockEveryVersion(entry, locked).ifPresent(lockedAll -> held(lockedAll, locked));
            } else {
                unkeep(entry, objectVersions(entry));
            }
        });
        List<Hold> unfinished = all.stream().filter(hold -> hold.status().unfinished()).toList();
        unfinished.forEach(hold -> holds.change(hold, hold.status() == Hold.Status.PLACING ? hold.notPlaced() : hold.released()));
        return unfinished.size();
    }

    /** Runs the change under a claim on the recording's holds, waiting a while for someone else's to end. */
    private HoldOutcome claimed(String recordingId, Supplier<HoldOutcome> change) {
        String claimant = "request-" + UUID.randomUUID();
        long giveUpAt = System.nanoTime() + WAIT.toNanos();
        while (!holds.claim(recordingId, claimant, clock.instant(), clock.instant().plus(CLAIM))) {
            if (System.nanoTime() > giveUpAt) {
                return refused(HoldOutcome.Refusal.CHANGE_IN_PROGRESS);
            }
            pause();
        }
        try {
            return change.get();
        } finally {
            holds.endClaim(recordingId, claimant);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 120));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to change a recording's holds", e);
        }
    }

    private Optional<CatalogueEntry> recording(String recordingId) {
        return catalogue.find(recordingId).filter(entry -> entry.state() != RecordingState.DELETED);
    }

    private List<String> objectVersions(CatalogueEntry entry) {
        return store.versionsOf(entry.objectKey()).stream().filter(version -> !version.deleteMarker()).map(ObjectVersion::versionId).toList();
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
