package uk.callretention.local.runtime.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One job and where it has got to, read by DescribeJob while the runner moves it on. Its statuses are S3 Batch
 * Operations' own: New, Preparing (reading the manifest), Active, then Complete or Failed.
 */
final class BatchJob {
    enum Status { New, Preparing, Active, Complete, Failed }

    /** Why a job failed, as DescribeJob's FailureReasons give it. */
    record Failure(String code, String reason) {
    }

    /** A consistent copy of the job's state at one moment. */
    record View(String id, JobSpec spec, Status status, Instant created, Instant terminated, Long total, long succeeded, long failed,
                long activeSeconds, String statusUpdateReason, List<Failure> failures) {
    }

    private final String id;
    private final JobSpec spec;
    private final Instant created;
    private Status status = Status.New;
    private Instant activeSince;
    private Instant terminated;
    private Long total;
    private long succeeded;
    private long failed;
    private String statusUpdateReason = "Job created";
    private final List<Failure> failures = new ArrayList<>();

    BatchJob(String id, JobSpec spec, Instant created) {
        this.id = id;
        this.spec = spec;
        this.created = created;
    }

    String id() {
        return id;
    }

    JobSpec spec() {
        return spec;
    }

    synchronized void preparing() {
        status = Status.Preparing;
        statusUpdateReason = "Reading the manifest";
    }

    synchronized void active(int tasks, Instant now) {
        status = Status.Active;
        total = (long) tasks;
        activeSince = now;
        statusUpdateReason = "Running " + tasks + " tasks";
    }

    synchronized void taskDone(boolean taskSucceeded) {
        if (taskSucceeded) {
            succeeded++;
        } else {
            failed++;
        }
    }

    synchronized void complete(Instant now) {
        status = Status.Complete;
        terminated = now;
        statusUpdateReason = "Job complete";
    }

    synchronized void fail(Failure failure, Instant now) {
        status = Status.Failed;
        terminated = now;
        failures.add(failure);
        statusUpdateReason = failure.reason();
    }

    synchronized View view(Instant now) {
        long activeSeconds = activeSince == null ? 0 : Duration.between(activeSince, terminated == null ? now : terminated).toSeconds();
        return new View(id, spec, status, created, terminated, total, succeeded, failed, activeSeconds, statusUpdateReason, List.copyOf(failures));
    }
}
