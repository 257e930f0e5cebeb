package uk.callretention.recording;

import java.util.Optional;

/** The catalogue of recordings, as the tagger needs it. */
public interface Catalogue {

    /**
     * Records the entry unless the catalogue already holds this or a later version of the recording, or the
     * recording is held or deleted: a replayed or out-of-order event changes nothing.
     *
     * @return empty when recorded; otherwise the entry the catalogue kept
     */
    Optional<CatalogueEntry> recordUnlessNewer(CatalogueEntry entry);
}
