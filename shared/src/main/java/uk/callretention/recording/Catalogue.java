package uk.callretention.recording;

import java.util.Optional;

/** The catalogue of recordings, as the tagger needs it. */
public interface Catalogue {

    /**
     * Records the entry unless the catalogue already holds this or a later version of the recording, or the
     * recording is held: a replayed or out-of-order event changes nothing. A deleted recording's tombstone gives way
     * to a new upload under its key, which must be governed like any other.
     *
     * @return empty when recorded; otherwise the entry the catalogue kept
     */
    Optional<CatalogueEntry> recordUnlessNewer(CatalogueEntry entry);
}
