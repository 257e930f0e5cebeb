package uk.callretention.retention;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Every hold ever placed, active and released; a released hold is kept as the record that it was. */
public interface Holds {

    void add(Hold hold);

    Optional<Hold> find(String recordingId, String holdId);

    /** The recording's holds, active and released, oldest first. */
    List<Hold> on(String recordingId);

    /** Marks the hold released unless it already is; {@code false} when it was. */
    boolean release(Hold released);

    /** The council's active holds whose review date is before {@code day}. */
    List<Hold> reviewOverdue(String council, LocalDate day);
}
