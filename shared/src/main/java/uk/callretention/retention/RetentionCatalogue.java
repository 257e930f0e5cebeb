package uk.callretention.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import uk.callretention.recording.CatalogueEntry;

/**
 * The catalogue, as expiry, holds and policy re-application need it. Every change is conditional on the entry being
 * the one the caller read (same version, same state), so a change made meanwhile by an upload, a hold or another run
 * wins and the caller is told {@code false}.
 */
public interface RetentionCatalogue {

    /** The recordings in one shard of the expiry index ({@code YYYY-MM-DD#NN}); only active and quarantined ones are there. */
    Iterable<CatalogueEntry> indexedUnder(String expiryShard);

    /** A council team's recordings (every channel), for re-evaluating them under a changed policy. */
    Iterable<CatalogueEntry> ofTeam(String council, String team);

    Optional<CatalogueEntry> find(String recordingId);

    /** Turns the entry into its tombstone: out of every index, without personal data. */
    boolean tombstone(CatalogueEntry entry, Tombstone tombstone);

    /** Files an active or quarantined entry under another day of the expiry index, keeping its expiry date. */
    boolean fileUnder(CatalogueEntry entry, LocalDate day);

    /** Marks the entry held: out of the expiry index until released. */
    boolean markHeld(CatalogueEntry entry);

    /** Returns a held entry to its own state (active, or quarantined), filed under {@code day} of the expiry index. */
    boolean markReleased(CatalogueEntry entry, LocalDate day);

    /**
     * Records a new retention class, expiry date and policy version; an active or quarantined entry is filed under
     * {@code day}, a held one stays out of the index.
     */
    boolean reclassify(CatalogueEntry entry, String retentionClass, LocalDate expiresOn, String policyRef, LocalDate day);

    /**
     * Files an entry catalogued before call ids were indexed under its council and call id, so that a search by call
     * id finds it; does nothing to one filed already, one without a call id, or one deleted meanwhile.
     */
    void indexCallId(CatalogueEntry entry);

    /** The ids of the training copies made of that recording which still exist, oldest first: erasing it leaves them. */
    List<String> trainingCopiesOf(String recordingId);
}
