package uk.callretention.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.callretention.recording.CatalogueEntry;

/**
 * The catalogue as the access API reads it: one recording, a team's recordings by date, a caller's recordings, a
 * call's recordings.
 */
public interface AccessCatalogue {

    Optional<CatalogueEntry> find(String recordingId);

    /**
     * A council team's recordings made in {@code [from, until)}, newest first, a page at a time.
     *
     * @param pageToken where the previous page stopped, as it said
     * @throws InvalidPageTokenException when the token is not one this listing gave
     */
    TeamPage teamRecordings(String council, String team, Instant from, Instant until, int limit, Optional<String> pageToken);

    /** A council's quarantined uploads, by the date their key names (or their upload's), newest first, a page at a time. */
    TeamPage quarantinedRecordings(String council, Instant from, Instant until, int limit, Optional<String> pageToken);

    /** The recordings whose caller's keyed hash is this, made in {@code [from, until)}, at most {@code max} of them. */
    List<CatalogueEntry> callerRecordings(String callerHash, Instant from, Instant until, int max);

    /**
     * The council's recordings of the call with that platform call id, made in {@code [from, until)}, newest first, at
     * most {@code max} of them; recordings catalogued before call ids were indexed are not found until re-indexed.
     */
    List<CatalogueEntry> callRecordings(String council, String callId, Instant from, Instant until, int max);

    /** The ids of the training copies made of that recording which still exist, oldest first. */
    List<String> trainingCopiesOf(String recordingId);

    record TeamPage(List<CatalogueEntry> entries, Optional<String> nextPageToken) {
    }

    final class InvalidPageTokenException extends RuntimeException {
        public InvalidPageTokenException() {
            super("the page token is not one this listing gave");
        }
    }
}
