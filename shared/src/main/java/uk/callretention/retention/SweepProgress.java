package uk.callretention.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Where the sweep got to, and who is sweeping now: one small record, so that runs resume and never overlap. */
public interface SweepProgress {

    /**
     * @param oldestNotSwept empty before the first run finishes
     * @param behind         the last run left due recordings unread: it stopped at its deadline, failed, or died
     *                       holding a claim that has now run out
     */
    record Position(Optional<LocalDate> oldestNotSwept, boolean behind) {
    }

    /** The oldest day not yet swept; empty before the first run finishes. */
    Optional<LocalDate> oldestNotSwept();

    /** Where the sweep stands at {@code now}, in one read. */
    Position position(Instant now);

    /** Claims the sweep until {@code until}; {@code false} when another run holds a claim that has not run out. */
    boolean claim(String runId, Instant now, Instant until);

    /**
     * Records the oldest day not yet swept and gives up this run's claim.
     *
     * @param finished every due recording up to the run's day was read; {@code false} when it stopped at its deadline
     */
    void release(String runId, LocalDate oldestNotSwept, boolean finished);

    /** Gives up this run's claim after a failure, leaving the progress as it was and the sweep behind. */
    void abandon(String runId);
}
