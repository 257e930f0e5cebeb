package uk.callretention.access;

import java.time.LocalDate;
import uk.callretention.recording.CatalogueEntry;

/**
 * Where an erased recording's tombstone goes: the catalogue entry, stripped of personal data like any deleted one's,
 * with the erasure as the reason.
 */
public interface ErasedRecordings {

    /** {@code false} when the entry changed meanwhile (a hold, a new version, another erasure). */
    boolean tombstone(CatalogueEntry entry, LocalDate erasedOn);
}
