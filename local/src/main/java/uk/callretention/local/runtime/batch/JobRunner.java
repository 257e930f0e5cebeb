package uk.callretention.local.runtime.batch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.local.runtime.RuntimeLog;
import uk.callretention.local.runtime.function.LambdaFunction;

/**
 * Takes a job from New to Complete or Failed as S3 Batch Operations does: reads the manifest (its ETag must match
 * the job's), runs every row through the function one task at a time, then writes the completion report. It logs its
 * progress every {@value #LOG_EVERY_TASKS} tasks or {@code logEvery}, whichever comes first.
 */
final class JobRunner {
    private static final int LOG_EVERY_TASKS = 1_000;

    private final S3Client s3;
    private final Clock clock;
    private final Duration logEvery;
    private final LambdaTasks.Retries retries;

    JobRunner(S3Client s3, Clock clock, Duration logEvery, LambdaTasks.Retries retries) {
        this.s3 = s3;
        this.clock = clock;
        this.logEvery = logEvery;
        this.retries = retries;
    }

    void run(BatchJob job, LambdaFunction function) {
        job.preparing();
        List<ManifestRows.Row> rows;
        try {
            rows = ManifestRows.parse(readManifest(job.spec().manifest()), job.spec().fields());
        } catch (ManifestUnreadable e) {
            fail(job, new BatchJob.Failure(e.code, e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            fail(job, new BatchJob.Failure("ManifestInvalid", "Reading the manifest failed: " + e.getMessage()));
            return;
        }
        Instant started = clock.instant();
        job.active(rows.size(), started);
        RuntimeLog.info("S3 Batch Operations job " + job.id() + ": running " + rows.size() + " tasks through " + function.settings().logicalId());
        List<LambdaTasks.Outcome> outcomes = new ArrayList<>(rows.size());
        LambdaTasks tasks = new LambdaTasks(function, job.id(), job.spec(), retries);
        Instant lastLog = started;
        try {
            for (ManifestRows.Row row : rows) {
                LambdaTasks.Outcome outcome = tasks.run(row);
                outcomes.add(outcome);
                job.taskDone(outcome.succeeded());
                Instant now = clock.instant();
                if (outcomes.size() % LOG_EVERY_TASKS == 0 || !now.isBefore(lastLog.plus(logEvery))) {
                    logProgress(job, started, now);
                    lastLog = now;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(job, new BatchJob.Failure("Stopped", "The local runtime stopped while the job was running"));
            return;
        }
        finish(job, outcomes, started);
    }

    private void finish(BatchJob job, List<LambdaTasks.Outcome> outcomes, Instant started) {
        JobSpec.ReportSpec report = job.spec().report();
        String where = "";
        if (report.enabled()) {
            try {
                where = "; report s3://" + report.bucket() + "/" + CompletionReport.write(s3, job.id(), report, outcomes, clock.instant());
            } catch (RuntimeException e) {
                fail(job, new BatchJob.Failure("ReportNotWritten", "Writing the completion report to " + report.bucketArn() + " failed: " + e.getMessage()));
                return;
            }
        }
        logProgress(job, started, clock.instant());
        job.complete(clock.instant());
        RuntimeLog.info("S3 Batch Operations job " + job.id() + " is Complete" + where);
    }

    private String readManifest(JobSpec.ManifestLocation location) throws ManifestUnreadable {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(get -> get.bucket(location.bucket()).key(location.key()).versionId(location.versionId()));
        } catch (S3Exception e) {
            throw new ManifestUnreadable(e.statusCode() == 404 ? "ManifestNotFound" : "ManifestUnreadable",
                    "Reading the manifest " + location.objectArn() + " failed: " + e.awsErrorDetails().errorCode());
        }
        String eTag = unquoted(object.response().eTag());
        if (!eTag.equals(unquoted(location.eTag()))) {
            throw new ManifestUnreadable("ManifestETagMismatch", "The manifest " + location.objectArn() + " has ETag " + eTag
                    + ", not the job's " + unquoted(location.eTag()) + ": it changed after the job was asked for");
        }
        return new String(object.asByteArray(), StandardCharsets.UTF_8);
    }

    private void fail(BatchJob job, BatchJob.Failure failure) {
        job.fail(failure, clock.instant());
        RuntimeLog.error("S3 Batch Operations job " + job.id() + " Failed: " + failure.reason());
    }

    private static void logProgress(BatchJob job, Instant started, Instant now) {
        BatchJob.View view = job.view(now);
        long done = view.succeeded() + view.failed();
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        RuntimeLog.info(String.format("S3 Batch Operations job %s: %,d of %,d tasks done (%,d failed), %.0f a second",
                job.id(), done, view.total(), view.failed(), done / seconds));
    }

    private static String unquoted(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }

    private static final class ManifestUnreadable extends Exception {
        private final String code;

        ManifestUnreadable(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
