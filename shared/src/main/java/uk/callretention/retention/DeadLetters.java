package uk.callretention.retention;

import java.util.List;

/** Upload events that failed every delivery to the tagger and were set aside in the dead-letter queue. */
public interface DeadLetters {

    /** About how many are waiting, for a dry run, which takes none. */
    int waiting();

    /** Up to ten, each hidden from the next {@code take} until this run is over, so one run sees a letter once. */
    List<Letter> take();

    /** Deletes a letter that has been handled. */
    void discard(Letter letter);

    /** @param receipt what {@link #discard} needs to delete it */
    record Letter(String id, String body, String receipt) {
    }
}
