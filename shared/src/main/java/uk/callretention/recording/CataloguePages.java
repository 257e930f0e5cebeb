package uk.callretention.recording;

import java.util.List;
import java.util.Optional;

/** The whole catalogue a page at a time, in the table's own order: for one-off jobs over every recording. */
public interface CataloguePages {

    /** Up to {@code size} entries after the recording id {@code after} (from the start when empty). */
    Page page(Optional<String> after, int size);

    /** @param next where the next page starts; empty after the last page */
    record Page(List<CatalogueEntry> entries, Optional<String> next) {
    }
}
