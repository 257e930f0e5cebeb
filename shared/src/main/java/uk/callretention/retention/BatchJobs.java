package uk.callretention.retention;

import java.util.function.BiConsumer;
import uk.callretention.recording.CatalogueEntry;

/**
 * The batch engine a job over many stored recordings runs on (S3 Batch Operations in AWS; the local runtime plays its
 * part on this machine): it invokes the per-object handler on every row of a manifest, retries what fails for a
 * while, and writes a completion report.
 */
public interface BatchJobs {

    /**
     * @param jobId    null when the manifest has no rows: no job is started for nothing
     * @param manifest where the manifest was written
     */
    record Started(String runId, String jobId, boolean dryRun, long rows, String manifest) {
    }

    /**
     * @param status   the engine's own word for the job's state (e.g. {@code Active}, {@code Complete})
     * @param finished the job runs no more tasks: it completed, failed or was cancelled
     * @param complete it ran every task (some of which may have failed)
     */
    record Progress(String jobId, String runId, boolean dryRun, String status, boolean finished, boolean complete, long total,
                    long succeeded, long failed) {
    }

    /** Writes a manifest of each recording's catalogued version and starts a job that runs the per-object handler on every row. */
    Started start(String runId, boolean dryRun, Iterable<CatalogueEntry> recordings);

    /** @throws IllegalArgumentException when the engine knows no such job */
    Progress progress(String jobId);

    /** Each task of a finished job, from its completion report: whether it succeeded, and the handler's result string. */
    void results(Progress finished, BiConsumer<Boolean, String> task);
}
