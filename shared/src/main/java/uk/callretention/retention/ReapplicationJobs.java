package uk.callretention.retention;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.callretention.observability.LogLine;

/**
 * Starts a policy re-application as a batch job over a manifest made from the catalogue, and turns the job's
 * completion report into the dry-run or real-run summary. A council runs a dry run first, reads its report, then
 * the real run.
 */
public final class ReapplicationJobs {

    private final PolicyReapplication reapplication;
    private final BatchJobs jobs;
    private final LogLine log;

    public ReapplicationJobs(PolicyReapplication reapplication, BatchJobs jobs, LogLine log) {
        this.reapplication = reapplication;
        this.jobs = jobs;
        this.log = log;
    }

    /** Whether a bundled policy names the council. */
    public boolean covers(String council) {
        return reapplication.covers(council);
    }

    /** @throws IllegalArgumentException when no policy names that council */
    public BatchJobs.Started start(Optional<String> council, boolean dryRun) {
        BatchJobs.Started started = jobs.start("reapply-" + UUID.randomUUID(), dryRun, reapplication.recordingsOf(council));
        log.info("policy re-application job started", Map.of("runId", started.runId(), "jobId", String.valueOf(started.jobId()),
                "dryRun", dryRun, "rows", started.rows(), "council", council.orElse("*")));
        return started;
    }

    /** @throws IllegalArgumentException when the engine knows no such job */
    public BatchJobs.Progress progress(String jobId) {
        return jobs.progress(jobId);
    }

    /** The summary of a finished job, from its completion report. */
    public ReapplyReport report(BatchJobs.Progress finished) {
        if (!finished.finished()) {
            throw new IllegalArgumentException("job " + finished.jobId() + " is still " + finished.status());
        }
        ReapplyReport.Tally tally = new ReapplyReport.Tally();
        jobs.results(finished, (succeeded, resultString) -> {
            if (succeeded) {
                tally.succeeded(resultString);
            } else {
                tally.failed();
            }
        });
        ReapplyReport report = tally.report(finished.runId(), finished.dryRun(), finished.complete());
        log.info(report.dryRun() ? "policy re-application dry run reported" : "policy re-application reported", Map.of(
                "runId", report.runId(), "jobId", finished.jobId(), "examined", report.examined(), "earlier", report.earlier(),
                "later", report.later(), "applied", report.applied(), "failed", report.failed()));
        return report;
    }
}
