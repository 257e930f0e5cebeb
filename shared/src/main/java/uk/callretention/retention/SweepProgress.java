package uk.callretention.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Where the sweep got to, and who is sweeping now: one small record, so that runs resume and never overlap. */
public interface SweepProgress {

    /** The oldest day not yet swept; empty before the first run finishes. */
    Optional<LocalDate> oldestNotSwept();

    /** Claims the sweep until {@code until}; {@code false} when another run holds a claim that has not run out. */
    boolean claim(String runId, Instant now, Instant until);

    /** Records the oldest day not yet swept and gives up this run's claim. */
    void release(String runId, LocalDate oldestNotSwept);

    /** Gives up this run's claim and leaves the progress as it was. */
    void abandon(String runId);
}
