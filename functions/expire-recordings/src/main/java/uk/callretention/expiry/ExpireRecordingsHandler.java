package uk.callretention.expiry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.access.SubjectAccessExportExpiry;
import uk.callretention.audit.AuditDigester;
import uk.callretention.aws.SnapStartPriming;
import uk.callretention.policy.RetentionSchedule;
import uk.callretention.retention.Deadline;
import uk.callretention.retention.BatchJobs;
import uk.callretention.retention.ReapplicationJobs;
import uk.callretention.retention.ReapplyReport;
import uk.callretention.retention.Sweep;
import uk.callretention.retention.SweepReport;

/**
 * Runs the daily sweep, its catch-up and the audit trail's daily digest from their schedules, and on demand a dry run;
 * starts a policy re-application job on S3 Batch Operations and reports on it. Answers with a summary. Stops taking on
 * work {@link #DEADLINE_MARGIN} before Lambda's deadline, so what it started finishes.
 */
public final class ExpireRecordingsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /**
     * Enough to finish what the sweep has in hand, even with one worker: a DeleteObjects call, then an audit event and
     * a tombstone for each of 1,000 recordings.
     */
    static final Duration DEADLINE_MARGIN = Duration.ofSeconds(90);

    private final Sweep sweep;
    private final ReapplicationJobs reapplication;
    private final AuditDigester auditDigester;
    private final SubjectAccessExportExpiry exportExpiry;
    private final Clock clock;
    private final SnapStartPriming snapStart;

    /** Lambda's constructor: registers the SnapStart hooks too. */
    public ExpireRecordingsHandler() {
        this(System.getenv());
        snapStart.registered();
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public ExpireRecordingsHandler(Map<String, String> environment) {
        this(ExpireRecordingsFactory.fromEnvironment(environment));
    }

    ExpireRecordingsHandler(ExpireRecordingsFactory factory) {
        this.sweep = factory.sweep();
        this.reapplication = factory.reapplication();
        this.auditDigester = factory.auditDigester();
        this.exportExpiry = factory.exportExpiry();
        this.clock = factory.clock();
        this.snapStart = factory.snapStart();
    }

    /** The SnapStart hooks Lambda's constructor registers, for tests to call as the runtime does. */
    SnapStartPriming snapStart() {
        return snapStart;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(input, LocalDate.ofInstant(clock.instant(), RetentionSchedule.UK));
        } catch (Invocation.InvalidInput e) {
            return Map.of("error", e.code(), "message", e.getMessage());
        }
        Deadline deadline = () -> context.getRemainingTimeInMillis() < DEADLINE_MARGIN.toMillis();
        return switch (invocation.mode()) {
            case SWEEP -> {
                Map<String, Object> summary = Summaries.of(invocation.catchUp()
                        ? sweep.catchUp(invocation.today(), deadline)
                        : sweep.run(invocation.today(), invocation.dryRun(), deadline));
                // Every run, the catch-up's too: one query, so an export goes within 15 minutes of its 7 days, not up to a day after.
                if (!invocation.dryRun()) {
                    summary.put("exportsExpired", exportExpiry.expireDue());
                }
                yield summary;
            }
            case REAPPLY_POLICY -> {
                if (invocation.council().isPresent() && !reapplication.covers(invocation.council().get())) {
                    yield Map.of("error", "unknown-council", "message", "no policy names council " + invocation.council().get());
                }
                yield Summaries.of(reapplication.start(invocation.council(), invocation.dryRun()));
            }
            case REAPPLY_REPORT -> {
                BatchJobs.Progress progress;
                try {
                    progress = reapplication.progress(invocation.jobId().orElseThrow());
                } catch (IllegalArgumentException unknown) {
                    yield Map.of("error", "unknown-job", "message", "no policy re-application job " + invocation.jobId().orElseThrow());
                }
                yield progress.finished() ? Summaries.of(reapplication.report(progress)) : Summaries.of(progress);
            }
            case DIGEST_AUDIT -> Summaries.of(auditDigester.run(invocation.today(), deadline::isNear));
        };
    }

    /** Reports as JSON-able maps: ids, dates and counts only. */
    static final class Summaries {
        private Summaries() {
        }

        static Map<String, Object> of(SweepReport report) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("mode", "sweep");
            summary.put("runId", report.runId());
            summary.put("status", report.status().name());
            summary.put("dryRun", report.dryRun());
            summary.put("from", String.valueOf(report.from()));
            summary.put("to", String.valueOf(report.to()));
            summary.put("resumeFrom", report.resumeFrom() == null ? null : report.resumeFrom().toString());
            summary.put("itemsRead", report.itemsRead());
            summary.put("deleted", report.deleted());
            summary.put("versionsDeleted", report.versionsDeleted());
            summary.put("repaired", report.repaired());
            summary.put("keptHeld", report.keptHeld());
            summary.put("keptNotYetDue", report.keptNotYetDue());
            summary.put("keptUntagged", report.keptUntagged());
            summary.put("failed", report.failed());
            summary.put("wouldDelete", report.wouldDelete());
            summary.put("reviewsOverdue", report.reviewsOverdue().stream().map(hold -> Map.of(
                    "recordingId", hold.recordingId(), "holdId", hold.holdId(), "council", hold.council(),
                    "reviewOn", hold.reviewOn().toString())).toList());
            return summary;
        }

        static Map<String, Object> of(AuditDigester.Report report) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("mode", "digest-audit");
            summary.put("sealed", report.sealed().stream().map(Object::toString).toList());
            summary.put("complete", report.complete());
            return summary;
        }

        static Map<String, Object> of(BatchJobs.Started started) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("mode", "reapply-policy");
            summary.put("runId", started.runId());
            summary.put("jobId", started.jobId());
            summary.put("dryRun", started.dryRun());
            summary.put("rows", started.rows());
            summary.put("manifest", started.manifest());
            return summary;
        }

        static Map<String, Object> of(BatchJobs.Progress progress) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("mode", "reapply-report");
            summary.put("runId", progress.runId());
            summary.put("jobId", progress.jobId());
            summary.put("dryRun", progress.dryRun());
            summary.put("status", progress.status());
            summary.put("complete", false);
            summary.put("tasks", progress.total());
            summary.put("succeeded", progress.succeeded());
            summary.put("failed", progress.failed());
            return summary;
        }

        static Map<String, Object> of(ReapplyReport report) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("mode", "reapply-report");
            summary.put("runId", report.runId());
            summary.put("dryRun", report.dryRun());
            summary.put("complete", report.complete());
            summary.put("examined", report.examined());
            summary.put("earlier", report.earlier());
            summary.put("later", report.later());
            summary.put("policyOnly", report.policyOnly());
            summary.put("nowDue", report.nowDue());
            summary.put("unclassifiable", report.unclassifiable());
            summary.put("applied", report.applied());
            summary.put("skipped", report.skipped());
            summary.put("failed", report.failed());
            return summary;
        }
    }
}
