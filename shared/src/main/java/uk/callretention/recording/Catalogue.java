package uk.callretention.recording;

import java.util.Optional;

/** The catalogue of recordings, as the tagger needs it. */
public interface Catalogue {

    /**
     * Records the entry unless the catalogue already holds this or a later version of the recording, or the
     * recording is held: a replayed or out-of-order event changes nothing. A deleted recording's tombstone gives way
     * to a new upload under its key, which must be governed like any other.
     *
     * @return the entry the catalogue kept instead, or, when recorded, the version of the entry it replaced
     */
    Recording recordUnlessNewer(CatalogueEntry entry);

    /** What {@link #recordUnlessNewer} did: recorded when {@code kept} is empty. */
    record Recording(Optional<CatalogueEntry> kept, Optional<String> replacedVersionId) {
    }

    /**
     * Points the recording at {@code toVersionId}, a copy of the version it points at, changing nothing else; only
     * while it still points at {@code fromVersionId} and is, when {@code held}, held, otherwise active or quarantined:
     * a newer upload, a hold placed or released, or a deletion that came meanwhile wins.
     */
    Repointing repoint(String recordingId, String fromVersionId, String toVersionId, boolean held);

    /** What {@link #repoint} did, with the entry as the catalogue holds it after (null when it holds none). */
    record Repointing(Result result, CatalogueEntry entry) {

        public enum Result {
            REPOINTED,
            /** It already pointed at the copy. */
            ALREADY_REPOINTED,
            /** It points at another version, or the recording's state is not the one asked for. */
            REFUSED,
            NOT_CATALOGUED
        }
    }
}
