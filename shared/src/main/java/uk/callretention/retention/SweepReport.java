package uk.callretention.retention;

import java.time.LocalDate;
import java.util.List;

/**
 * What one run of the sweep did (or, in a dry run, would do).
 *
 * @param from         the first day read; null when nothing was read
 * @param resumeFrom   the oldest day not yet swept, where the next run starts; null in a dry run or when not run
 * @param itemsRead    catalogue items read from the expiry index
 * @param repaired     of those deleted, recordings found with no version left, only tombstoned and audited
 * @param wouldDelete  in a dry run, the ids it would delete (the first {@value Sweep#MAX_LISTED}); empty otherwise
 */
public record SweepReport(
        String runId,
        Status status,
        boolean dryRun,
        LocalDate from,
        LocalDate to,
        LocalDate resumeFrom,
        int itemsRead,
        int deleted,
        int versionsDeleted,
        int repaired,
        int keptHeld,
        int keptNotYetDue,
        int keptUntagged,
        int failed,
        List<String> wouldDelete,
        List<Hold> reviewsOverdue) {

    public enum Status {
        /** Every due recording up to today was read. */
        COMPLETE,
        /** Stopped before the Lambda deadline; the next run carries on from {@code resumeFrom}. */
        STOPPED_AT_DEADLINE,
        /** Another run holds the sweep; this one did nothing. */
        ALREADY_RUNNING,
        /** A catch-up run found the last run finished: it did nothing. */
        UP_TO_DATE
    }
}
