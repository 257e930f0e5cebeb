package uk.callretention.recording;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Tags and catalogues one uploaded recording. The catalogue is written first, conditionally, and decides: tags are
 * written for the entry the catalogue holds for this version, so a replayed event re-applies the same tags (mending
 * a crash between the two writes) and a stale or duplicate event can never overwrite a hold's tags.
 */
public final class RecordingTagger {

    private final RecordingStore store;
    private final Catalogue catalogue;
    private final RecordingClassifier classifier;
    private final Clock clock;

    public RecordingTagger(RecordingStore store, Catalogue catalogue, RecordingClassifier classifier, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.classifier = classifier;
        this.clock = clock;
    }

    public TaggingOutcome tag(Upload upload) {
        Optional<StoredObject> found = store.describe(upload.key(), upload.versionId());
        if (found.isEmpty()) {
            return TaggingOutcome.gone(upload.key());
        }
        StoredObject object = found.get();
        String ordering = upload.sequencer().map(RecordingTagger::sortableSequencer)
                .orElseGet(() -> "t" + String.format("%020d", object.lastModified().toEpochMilli()));
        CatalogueEntry entry = classifier.classify(upload.key(), object, ordering,
                count -> store.firstBytes(upload.key(), object.versionId(), count), clock.instant());

        Optional<CatalogueEntry> kept = catalogue.recordUnlessNewer(entry);
        if (kept.isPresent() && !isSameVersionAwaitingTags(kept.get(), entry)) {
            return TaggingOutcome.unchanged(kept.get());
        }
        CatalogueEntry catalogued = kept.orElse(entry);
        Map<String, String> existing = object.tagCount() == 0 ? Map.of() : store.tags(upload.key(), object.versionId());
        store.replaceTags(upload.key(), object.versionId(), RecordingTags.merge(existing, RecordingTags.of(catalogued)));
        return kept.isPresent() ? TaggingOutcome.retagged(catalogued) : TaggingOutcome.catalogued(catalogued);
    }

    private static boolean isSameVersionAwaitingTags(CatalogueEntry kept, CatalogueEntry entry) {
        return kept.versionId().equals(entry.versionId())
                && (kept.state() == RecordingState.ACTIVE || kept.state() == RecordingState.QUARANTINED);
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
