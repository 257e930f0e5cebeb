package uk.callretention.recording;

import java.util.Optional;

/**
 * Takes the personal metadata (see {@link ObjectMetadata}) off a catalogued recording's stored object. S3 cannot
 * change a version's metadata, so the version is copied onto its own key without it (the newest version: same
 * bytes, content type and tags, sealed with the version it came from), the catalogue is pointed at the copy, and
 * then the version that carried the metadata is deleted.
 *
 * <p>Order of writes, each safe to stop after, and why:
 * <ol>
 *   <li>(the tagger, before) the first version is catalogued and tagged: governed whatever follows;</li>
 *   <li>copy: two tagged versions, the catalogue still at the first, which plays back as before. A replay of the
 *       upload event copies again (the earlier copy becomes a noncurrent version, which the lifecycle rule expires
 *       a day later and the sweep deletes with the rest); the copy's own event does steps 3 and 4 itself;</li>
 *   <li>repoint the catalogue, only while it still points at the first version and is not held or deleted: it
 *       never claims a copy that a newer upload, a hold or a deletion has overtaken;</li>
 *   <li>delete the first version. Stopped before it, a replay of the upload event finds the catalogue at another
 *       version and deletes the first version then.</li>
 * </ol>
 * The catalogue must always point at the key's newest version, or the noncurrent-version rule would delete what it
 * points at a day later. So when the repoint is refused because a newer upload, another copy or a deletion
 * overtook it, this copy is deleted (and the first version with it); when it is refused because a hold came in the
 * meantime, both versions are left as they are: the hold owns them, and nothing is deleted (the old version is
 * locked, so neither lifecycle rule can remove it, and the catalogue still points at it). The copy is locked too, as
 * every version of a held recording is, since the hold may have listed the versions before it was made.
 *
 * <p>A recording already held (only the clean-up scrubs one: what the tagger scrubs is active or quarantined) keeps every
 * version the catalogue points at locked: the copy is locked before the repoint, which requires the recording still
 * held, and the old version's lock is lifted only after it, just before its delete. A repoint refused because the
 * hold was released meanwhile discards the locked copy, so no lock outlives the hold, and leaves the rest to the
 * next run. Such a copy's seal says it was made for a hold, and its own S3 event changes nothing.
 *
 * <p>The copy's own S3 event is recognised by its seal and never classified again (it carries no caller number, so
 * it would lose the caller's hash): {@link #settleCopy} finishes steps 3 and 4 when it arrives before the tagger got
 * there (or after it stopped), and changes nothing when the catalogue already points at the copy. Delivered twice,
 * late, or before the upload's own retry, each delivery meets the catalogue's condition and converges.
 */
public final class MetadataScrub {

    /** What became of the personal metadata on one stored version. */
    public enum Result {
        /** The version carried none. */
        NONE,
        /** Copied without it, the catalogue points at the copy, the version that carried it deleted. */
        SCRUBBED,
        /** A newer version or a deletion overtook it: the version that carried it, and any copy, deleted. */
        SUPERSEDED,
        /** Left: a hold was placed (or, for a held recording, released) before the catalogue was pointed at the copy. */
        LEFT_HELD,
        /** Left: larger than S3 copies in one call; counted in the {@code PersonalMetadataLeft} metric. */
        LEFT_TOO_LARGE
    }

    /** The result, and the catalogue entry as it ends (null where the catalogue was not consulted). */
    public record Scrubbed(Result result, CatalogueEntry entry) {
    }

    private final RecordingStore store;
    private final Catalogue catalogue;
    private final CallerHash sealer;

    public MetadataScrub(RecordingStore store, Catalogue catalogue, CallerHash sealer) {
        this.store = store;
        this.catalogue = catalogue;
        this.sealer = sealer;
    }

    static boolean needed(StoredObject object) {
        return ObjectMetadata.carriesPersonal(object.metadata());
    }

    /** What {@link #scrub} would do with that version, which the catalogue points at, without doing it. */
    public Result plan(StoredObject object) {
        if (!needed(object)) {
            return Result.NONE;
        }
        return object.size() > RecordingStore.LARGEST_COPY ? Result.LEFT_TOO_LARGE : Result.SCRUBBED;
    }

    /**
     * Scrubs that version, which the catalogue points at (entry {@code catalogued}), if it carries personal metadata.
     * A held recording's copy is made locked before the catalogue points at it, and the first version's lock is lifted
     * only after, so every version the catalogue has pointed at stays locked while the hold lasts.
     */
    public Scrubbed scrub(String key, StoredObject object, CatalogueEntry catalogued) {
        Result planned = plan(object);
        if (planned != Result.SCRUBBED) {
            return new Scrubbed(planned, catalogued);
        }
        boolean held = catalogued.state() == RecordingState.HELD;
        String copy = store.copyWithMetadata(key, object,
                ObjectMetadata.ofScrubbedCopy(object.metadata(), key, new ObjectMetadata.Source(object.versionId(), held), sealer), held);
        Catalogue.Repointing repointing = catalogue.repoint(catalogued.recordingId(), object.versionId(), copy, held);
        if (!held && refusedForAHold(repointing)) {
            repointing = lockedForTheHold(catalogued.recordingId(), key, object.versionId(), copy);
        }
        switch (repointing.result()) {
            case REPOINTED, ALREADY_REPOINTED -> {
                discard(key, object.versionId(), held);
                return new Scrubbed(Result.SCRUBBED, repointing.entry());
            }
            case REFUSED -> {
                if (held || repointing.entry().state() == RecordingState.HELD) {
                    // A hold placed, or released, meanwhile: the hold decides; a locked copy nobody points at goes.
                    if (held) {
                        discard(key, copy, true);
                    }
                    return new Scrubbed(Result.LEFT_HELD, repointing.entry());
                }
                store.deleteVersion(key, copy);
                store.deleteVersion(key, object.versionId());
                return new Scrubbed(Result.SUPERSEDED, repointing.entry());
            }
            default -> {
                // Someone removed the catalogue item under us: leave the first version, and let a retry catalogue it.
                discard(key, copy, held);
                throw new IllegalStateException("the catalogue lost recording " + catalogued.recordingId() + " while it was scrubbed");
            }
        }
    }

    /**
     * Settles the system's own copy, recognised by its seal, against the catalogue. A copy made locked, for a hold,
     * is left to whoever made it: the hold's versions are not the tagger's to touch.
     *
     * @return empty when the version is not such a copy, or the catalogue has never heard of its recording (then it
     *         is classified like any upload)
     */
    public Optional<Scrubbed> settleCopy(String key, StoredObject object) {
        Optional<ObjectMetadata.Source> source = ObjectMetadata.scrubbedFrom(object.metadata(), key, sealer);
        if (source.isEmpty() || needed(object)) {
            return Optional.empty();
        }
        if (source.get().held()) {
            return Optional.of(new Scrubbed(Result.LEFT_HELD, null));
        }
        String from = source.get().versionId();
        Catalogue.Repointing repointing = catalogue.repoint(RecordingId.forKey(key), from, object.versionId(), false);
        if (refusedForAHold(repointing)) {
            repointing = lockedForTheHold(RecordingId.forKey(key), key, from, object.versionId());
        }
        return switch (repointing.result()) {
            case REPOINTED -> {
                store.deleteVersion(key, from);
                yield Optional.of(new Scrubbed(Result.SCRUBBED, repointing.entry()));
            }
            case ALREADY_REPOINTED -> Optional.of(new Scrubbed(Result.SCRUBBED, repointing.entry()));
            case REFUSED -> {
                if (repointing.entry().state() == RecordingState.HELD) {
                    yield Optional.of(new Scrubbed(Result.LEFT_HELD, repointing.entry()));
                }
                store.deleteVersion(key, object.versionId());
                yield Optional.of(new Scrubbed(Result.SUPERSEDED, repointing.entry()));
            }
            case NOT_CATALOGUED -> Optional.empty();
        };
    }

    /**
     * The catalogue points at this system's copy, but the version it was copied from may still be there, carrying
     * personal metadata: a scrub stopped between the repoint and the delete. Deletes it (lifting its lock first for
     * a held recording).
     *
     * @return whether there was such a version
     */
    public boolean finishCopy(String key, StoredObject copy, CatalogueEntry catalogued, boolean dryRun) {
        Optional<ObjectMetadata.Source> source = ObjectMetadata.scrubbedFrom(copy.metadata(), key, sealer);
        Optional<StoredObject> left = source.flatMap(from -> store.describe(key, Optional.of(from.versionId()))).filter(MetadataScrub::needed);
        if (left.isEmpty()) {
            return false;
        }
        if (!dryRun) {
            discard(key, left.get().versionId(), catalogued.state() == RecordingState.HELD);
        }
        return true;
    }

    /**
     * Deletes this system's copies of other versions that sit above this one, which the catalogue has just come to
     * point at. They were made from a version that this newer upload overtook while it was being scrubbed; left as
     * the key's newest version, they would make the catalogued one noncurrent, and the lifecycle rule would delete it
     * a day later. A copy made for a hold is the hold's.
     */
    public void dropCopiesAbove(String key, String versionId) {
        for (String newer : store.versionsAbove(key, versionId)) {
            Optional<ObjectMetadata.Source> source = store.describe(key, Optional.of(newer))
                    .flatMap(copy -> ObjectMetadata.scrubbedFrom(copy.metadata(), key, sealer));
            if (source.isPresent() && !source.get().held() && !source.get().versionId().equals(versionId)) {
                store.deleteVersion(key, newer);
            }
        }
    }

    private static boolean refusedForAHold(Catalogue.Repointing repointing) {
        return repointing.result() == Catalogue.Repointing.Result.REFUSED && repointing.entry().state() == RecordingState.HELD;
    }

    /**
     * A hold came before the catalogue could point at the copy: the hold keeps every version under its key, and its
     * last listing may have come before the copy, so the copy is locked here. The repoint is then tried again: if the
     * hold was released meanwhile (its release may have missed this lock) it goes through, or is refused for another
     * reason, and the lock comes off again, so no lock outlives the hold.
     *
     * @return the repoint tried again
     */
    private Catalogue.Repointing lockedForTheHold(String recordingId, String key, String from, String copy) {
        store.placeLegalHold(key, copy);
        Catalogue.Repointing again = catalogue.repoint(recordingId, from, copy, false);
        if (!refusedForAHold(again)) {
            store.liftLegalHold(key, copy);
        }
        return again;
    }

    private void discard(String key, String versionId, boolean locked) {
        if (locked) {
            store.liftLegalHold(key, versionId);
        }
        store.deleteVersion(key, versionId);
    }

    /**
     * A version the catalogue does not point at that carries personal metadata: deleted, unless the recording is
     * held (a hold keeps every version). It is an older upload or a copy's source that a newer upload overtook.
     */
    public Result discardSuperseded(String key, StoredObject object, CatalogueEntry kept) {
        if (!needed(object)) {
            return Result.NONE;
        }
        if (kept.state() == RecordingState.HELD) {
            return Result.LEFT_HELD;
        }
        store.deleteVersion(key, object.versionId());
        return Result.SUPERSEDED;
    }
}
