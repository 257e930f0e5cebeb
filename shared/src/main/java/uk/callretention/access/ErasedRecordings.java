package uk.callretention.access;

import java.time.LocalDate;
import uk.callretention.recording.CatalogueEntry;

/**
 * Where an erased recording's tombstone goes: the catalogue entry, stripped of personal data like any deleted one's,
 * with the erasure as the reason.
 */
public interface ErasedRecordings {

    /** What the catalogue said when the erasure came to write its tombstone. */
    enum Tombstoning {
        /** Tombstoned now, or already by an erasure or sweep running at the same time. */
        TOMBSTONED,
        /** The catalogue names a newer version of the key: a new recording, uploaded meanwhile, which stays. */
        NEWER_RECORDING,
        /** The same version changed meanwhile (a hold): the erasure did not finish. */
        CHANGED
    }

    /** Tombstones the entry only if the catalogue still names the erased version, active or quarantined. */
    Tombstoning tombstone(CatalogueEntry entry, LocalDate erasedOn);
}
