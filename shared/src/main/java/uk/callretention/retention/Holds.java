package uk.callretention.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Every hold ever placed, in every status; a released hold is kept as the record that it was. Changes to one
 * recording's holds are made one at a time, under a claim on the recording.
 */
public interface Holds {

    /** Writes a new hold, {@link Hold.Status#PLACING}. */
    void add(Hold placing);

    Optional<Hold> find(String recordingId, String holdId);

    /** The recording's holds, every status, oldest first. */
    List<Hold> on(String recordingId);

    /**
     * Writes the hold's next state if it is still in the state the caller read, or already in the next (a retried
     * write whose first answer was lost); {@code false} when it changed meanwhile.
     */
    boolean change(Hold read, Hold next);

    /** The council's active holds whose review date is before {@code day}. */
    List<Hold> reviewOverdue(String council, LocalDate day);

    /**
     * The council's active holds by review date, earliest first (so overdue reviews come first), a page at a time.
     *
     * @throws uk.callretention.access.AccessCatalogue.InvalidPageTokenException when the token is not one this listing gave
     */
    ActivePage active(String council, int limit, Optional<String> pageToken);

    record ActivePage(List<Hold> holds, Optional<String> nextPageToken) {
    }

    /** The council's holds left placing or releasing. */
    List<Hold> unfinished(String council);

    /**
     * Claims the right to change the recording's holds until {@code until}, unless someone else's claim has not run
     * out by {@code now}.
     */
    boolean claim(String recordingId, String claimant, Instant now, Instant until);

    /** Ends the claimant's claim, if it is still theirs. */
    void endClaim(String recordingId, String claimant);
}
