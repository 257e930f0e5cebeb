package uk.callretention.recording;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Tags and catalogues one uploaded recording, then takes its personal metadata off the stored object. The catalogue
 * is written first, conditionally, and decides: tags are written for the entry the catalogue holds for this version,
 * so a replayed event re-applies the same tags (mending a crash between the two writes) and a stale or duplicate
 * event can never overwrite a hold's tags. Only then is the object copied without its personal metadata and the
 * version that carried it deleted ({@link MetadataScrub} says in which order, and why a crash anywhere converges);
 * the copy's own event is recognised by its seal before anything is classified, so it neither loops nor re-classifies.
 */
public final class RecordingTagger {

    private final RecordingStore store;
    private final Catalogue catalogue;
    private final RecordingClassifier classifier;
    private final MetadataScrub scrub;
    private final Clock clock;

    public RecordingTagger(RecordingStore store, Catalogue catalogue, RecordingClassifier classifier, MetadataScrub scrub, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.classifier = classifier;
        this.scrub = scrub;
        this.clock = clock;
    }

    public TaggingOutcome tag(Upload upload) {
        Optional<StoredObject> found = store.describe(upload.key(), upload.versionId());
        if (found.isEmpty()) {
            return TaggingOutcome.gone(upload.key());
        }
        StoredObject object = found.get();
        if (isTrainingCopy(upload.key(), object)) {
            return new TaggingOutcome(TaggingOutcome.Kind.TRAINING_COPY, upload.key(), null, MetadataScrub.Result.NONE);
        }
        Optional<MetadataScrub.Scrubbed> copy = scrub.settleCopy(upload.key(), object);
        if (copy.isPresent()) {
            return TaggingOutcome.of(TaggingOutcome.Kind.SCRUBBED_COPY, upload.key(), copy.get());
        }
        String ordering = upload.sequencer().map(RecordingTagger::sortableSequencer)
                .orElseGet(() -> "t" + String.format("%020d", object.lastModified().toEpochMilli()));
        CatalogueEntry entry = classifier.classify(upload.key(), object, ordering,
                count -> store.firstBytes(upload.key(), object.versionId(), count), clock.instant());

        Catalogue.Recording recording = catalogue.recordUnlessNewer(entry);
        Optional<CatalogueEntry> kept = recording.kept();
        if (kept.isPresent() && kept.get().state() == RecordingState.HELD) {
            return keptForTheHold(upload, object, entry, kept.get());
        }
        if (kept.isPresent() && !isSameVersionAwaitingTags(kept.get(), entry)) {
            return new TaggingOutcome(TaggingOutcome.Kind.UNCHANGED, upload.key(), kept.get(),
                    scrub.discardSuperseded(upload.key(), object, kept.get()));
        }
        // Only a version that replaced another in the catalogue can have a scrubbed copy of that other above it; a
        // retried event cannot tell whether it did, so it looks again.
        if (kept.isPresent() || recording.replacedVersionId().filter(replaced -> !replaced.equals(object.versionId())).isPresent()) {
            scrub.dropCopiesAbove(upload.key(), object.versionId());
        }
        CatalogueEntry catalogued = kept.orElse(entry);
        Map<String, String> existing = object.tagCount() == 0 ? Map.of() : store.tags(upload.key(), object.versionId());
        store.replaceTags(upload.key(), object.versionId(), RecordingTags.merge(existing, RecordingTags.of(catalogued)));
        return TaggingOutcome.of(kept.isPresent() ? TaggingOutcome.Kind.RETAGGED : TaggingOutcome.Kind.CATALOGUED, upload.key(),
                scrub.scrub(upload.key(), object, catalogued));
    }

    /**
     * A version stored under a held recording's key is part of that recording, which the hold keeps whole: it is
     * locked, whenever it came. (An erasure is different: what is uploaded after it is a new recording, as the erased
     * one is gone; a held one is still there.) The hold's own listing, made after the catalogue said HELD, locks every
     * version stored before; this locks the rest. If the hold was released between the catalogue's answer and the
     * lock, the release may have missed the lock: it is lifted again and the upload tagged as any other.
     */
    private TaggingOutcome keptForTheHold(Upload upload, StoredObject object, CatalogueEntry entry, CatalogueEntry held) {
        store.placeLegalHold(upload.key(), object.versionId());
        if (catalogue.recordUnlessNewer(entry).kept().filter(still -> still.state() == RecordingState.HELD).isEmpty()) {
            store.liftLegalHold(upload.key(), object.versionId());
            return tag(upload);
        }
        return new TaggingOutcome(TaggingOutcome.Kind.UNCHANGED, upload.key(), held, scrub.discardSuperseded(upload.key(), object, held));
    }

    /**
     * A training copy is written already tagged, and catalogued by the function that made it: classifying it as an
     * upload would quarantine it. Anything else under the prefix (which the bucket policy lets no one else write) is
     * classified as any upload, and so quarantined.
     */
    private boolean isTrainingCopy(String key, StoredObject object) {
        return TrainingCopyKey.isUnder(key) && object.tagCount() > 0
                && store.tags(key, object.versionId()).containsKey(RecordingTags.TRAINING_COPY_OF);
    }

    private static boolean isSameVersionAwaitingTags(CatalogueEntry kept, CatalogueEntry entry) {
        return kept.versionId().equals(entry.versionId())
                && (kept.state() == RecordingState.ACTIVE || kept.state() == RecordingState.QUARANTINED);
    }

    /**
     * The notification that catalogued the entry, as a redelivery would carry it: the same version and sequencer, so
     * tagging it again re-applies the catalogue's tags rather than classifying the upload anew.
     */
    public static Upload redelivery(String bucket, CatalogueEntry entry) {
        Optional<String> sequencer = entry.ordering().startsWith("s") ? Optional.of(entry.ordering().substring(1)) : Optional.empty();
        return new Upload(bucket, entry.objectKey(), Optional.of(entry.versionId()), sequencer);
    }

    /** S3 says: right-pad the shorter sequencer with zeros, then compare as strings. */
    static String sortableSequencer(String sequencer) {
        StringBuilder padded = new StringBuilder("s").append(sequencer.toUpperCase());
        while (padded.length() < 41) {
            padded.append('0');
        }
        return padded.toString();
    }
}
