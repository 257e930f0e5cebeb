package uk.callretention.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.observability.LogLine;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;

/**
 * Deletes, on the day, every recording whose expiry date has come: reads only the expiry index, from the oldest day
 * not yet swept to today, shard by shard; re-checks each object in the bucket; deletes every version in batches;
 * audits each deletion and leaves a tombstone. Anything due that it cannot delete is filed under today, so the next
 * run looks again. Stops before the deadline and records where to resume.
 *
 * <p>Order for one recording: versions deleted, then the audit event, then the tombstone. A crash after the delete
 * leaves the entry in the index with no versions in the bucket; the next run finds it and finishes, writing the
 * audit event only if the trail does not have it yet.
 *
 * <p>A complete run also settles holds that a request left placing or releasing ({@link HoldService#settleUnfinished}).
 */
public final class Sweep {

    public static final String ACTOR = "system:expire-recordings";
    public static final String METRICS_NAMESPACE = "CallRetention";
    static final int MAX_LISTED = 1000;
    // Longer than Lambda's 15-minute limit, so a run that died lets the next one in without waiting long.
    private static final Duration CLAIM = Duration.ofMinutes(20);

    private final RetentionCatalogue catalogue;
    private final RetentionStore store;
    private final AuditLog audit;
    private final SweepProgress progress;
    private final HoldService holds;
    private final SweepCalendar calendar;
    private final LogLine log;
    private final Clock clock;
    private final DeletionBatch.Pause pause;

    /** @param calendar where the first run ever starts */
    public Sweep(RetentionCatalogue catalogue, RetentionStore store, AuditLog audit, SweepProgress progress, HoldService holds,
                 SweepCalendar calendar, LogLine log, Clock clock) {
        this(catalogue, store, audit, progress, holds, calendar, log, clock, DeletionBatch.BACKING_OFF);
    }

    Sweep(RetentionCatalogue catalogue, RetentionStore store, AuditLog audit, SweepProgress progress, HoldService holds,
          SweepCalendar calendar, LogLine log, Clock clock, DeletionBatch.Pause pause) {
        this.catalogue = catalogue;
        this.store = store;
        this.audit = audit;
        this.progress = progress;
        this.holds = holds;
        this.calendar = calendar;
        this.log = log;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * @param today the UK date to sweep up to; the caller makes sure it is not after the real one
     * @param dryRun read and re-check only: delete, write and claim nothing
     */
    public SweepReport run(LocalDate today, boolean dryRun, Deadline deadline) {
        String runId = "sweep-" + UUID.randomUUID();
        if (dryRun) {
            return new Run(runId, today, true).sweep(progress.oldestNotSwept(), deadline);
        }
        Instant now = clock.instant();
        if (!progress.claim(runId, now, now.plus(CLAIM))) {
            log.info("another sweep is running; this one does nothing", Map.of("runId", runId));
            return new Run(runId, today, false).report(SweepReport.Status.ALREADY_RUNNING, null, List.of());
        }
        boolean released = false;
        try {
            SweepReport report = new Run(runId, today, false).sweep(progress.oldestNotSwept(), deadline);
            progress.release(runId, report.resumeFrom());
            released = true;
            return report;
        } finally {
            if (!released) {
                progress.abandon(runId);
            }
        }
    }

    /** One run's state and tallies. */
    private final class Run {
        private final String runId;
        private final LocalDate today;
        private final boolean dryRun;
        private final DeletionBatch batch;
        private final List<String> wouldDelete = new ArrayList<>();
        private LocalDate from;
        private int itemsRead;
        private int deleted;
        private int versionsDeleted;
        private int repaired;
        private int keptHeld;
        private int keptNotYetDue;
        private int keptUntagged;
        private int failed;

        Run(String runId, LocalDate today, boolean dryRun) {
            this.runId = runId;
            this.today = today;
            this.dryRun = dryRun;
            this.batch = new DeletionBatch(store, pause, this::deleted, this::refused);
        }

        SweepReport sweep(Optional<LocalDate> oldestNotSwept, Deadline deadline) {
            // A run asked to sweep up to a day before the stored progress reads nothing and leaves the progress where it is.
            from = oldestNotSwept.orElseGet(() -> calendar.firstDay(today));
            LocalDate stoppedOn = null;
            days:
            for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
                for (String shard : ExpiryShard.allFor(day)) {
                    // Checked before each query too: a first run reads thousands of empty shards.
                    if (deadline.isNear()) {
                        stoppedOn = day;
                        break days;
                    }
                    for (CatalogueEntry entry : catalogue.indexedUnder(shard)) {
                        if (deadline.isNear()) {
                            stoppedOn = day;
                            break days;
                        }
                        itemsRead++;
                        consider(entry, day);
                    }
                }
            }
            batch.flush();
            List<Hold> overdue = stoppedOn == null ? holds.reviewsOverdue(today) : List.of();
            if (!dryRun && stoppedOn == null) {
                settleUnfinishedHolds();
            }
            if (!dryRun) {
                overdue.forEach(hold -> log.count(METRICS_NAMESPACE, "HoldReviewsOverdue", Map.of("Council", hold.council())));
            }
            SweepReport report = stoppedOn == null
                    ? report(SweepReport.Status.COMPLETE, from.isAfter(today) ? from : today, overdue)
                    : report(SweepReport.Status.STOPPED_AT_DEADLINE, stoppedOn, overdue);
            log.info(dryRun ? "dry-run sweep finished" : "sweep finished", summary(report));
            return report;
        }

        /** Holds left placing or releasing by a request that stopped part way; a failure here leaves them for the next run. */
        private void settleUnfinishedHolds() {
            try {
                int settled = holds.settleUnfinished();
                if (settled > 0) {
                    log.info("unfinished holds settled", Map.of("runId", runId, "settled", settled));
                }
            } catch (RuntimeException e) {
                log.error("unfinished holds not settled; the next sweep tries again", Map.of("runId", runId, "error", e.getClass().getSimpleName()));
            }
        }

        private void consider(CatalogueEntry entry, LocalDate filedUnder) {
            if (entry.expiresOn().isAfter(today)) {
                // Filed early by mistake: never delete before the day.
                keep(entry, filedUnder, Recheck.Why.NOT_YET_DUE, entry.expiresOn());
                return;
            }
            Recheck.Verdict verdict = Recheck.of(store.versionsOf(entry.objectKey()),
                    version -> store.tags(version.key(), version.versionId()),
                    version -> store.isUnderLegalHold(version.key(), version.versionId()),
                    today);
            if (verdict instanceof Recheck.Keep keep) {
                keep(entry, filedUnder, keep.why(), keep.fileUnder());
            } else if (dryRun) {
                if (wouldDelete.size() < MAX_LISTED) {
                    wouldDelete.add(entry.recordingId());
                }
            } else {
                batch.add(entry, (Recheck.Delete) verdict);
            }
        }

        private void keep(CatalogueEntry entry, LocalDate filedUnder, Recheck.Why why, LocalDate fileUnder) {
            switch (why) {
                case HELD -> keptHeld++;
                case NOT_YET_DUE -> keptNotYetDue++;
                case UNTAGGED -> keptUntagged++;
            }
            if (dryRun) {
                return;
            }
            log.info("recording kept", fields(entry, Map.of("why", why.name(), "fileUnder", fileUnder.toString())));
            log.count(METRICS_NAMESPACE, why == Recheck.Why.HELD ? "RecordingsHeldAtSweep" : "RecordingsSkippedAtSweep", dimensions(entry));
            if (!fileUnder.equals(filedUnder)) {
                catalogue.fileUnder(entry, fileUnder);
            }
        }

        private void deleted(CatalogueEntry entry, Recheck.Delete delete) {
            Instant now = clock.instant();
            DeletionReason reason = entry.state() == RecordingState.QUARANTINED ? DeletionReason.QUARANTINE_EXPIRED : DeletionReason.RETENTION_EXPIRED;
            int versions = (int) delete.keys().stream().filter(v -> !v.deleteMarker()).count();
            boolean audited = delete.alreadyGone()
                    && audit.trailOf(entry.recordingId()).stream().anyMatch(e -> e.action() == AuditAction.DELETED);
            if (!audited) {
                audit.record(new AuditEvent(UUID.randomUUID().toString(), now, entry.recordingId(), entry.versionId(), AuditAction.DELETED,
                        ACTOR, entry.council(), null, null, "allowed", Map.of(
                                "reason", reason.id(), "expiresOn", entry.expiresOn().toString(), "versionsDeleted", Integer.toString(versions),
                                "runId", runId)));
            }
            boolean tombstoned = catalogue.tombstone(entry, new Tombstone(entry.recordingId(), today, reason));
            deleted++;
            versionsDeleted += versions;
            if (delete.alreadyGone()) {
                repaired++;
            }
            log.info("recording deleted", fields(entry, Map.of("versions", versions, "reason", reason.id(),
                    "repaired", delete.alreadyGone(), "tombstoned", tombstoned)));
            log.count(METRICS_NAMESPACE, "RecordingsDeleted", dimensions(entry));
        }

        private void refused(CatalogueEntry entry) {
            failed++;
            log.error("recording not deleted: S3 refused a version after retries; the next sweep tries again", fields(entry, Map.of()));
            log.count(METRICS_NAMESPACE, "RecordingDeletionsFailed", dimensions(entry));
            catalogue.fileUnder(entry, today);
        }

        SweepReport report(SweepReport.Status status, LocalDate resumeFrom, List<Hold> overdue) {
            return new SweepReport(runId, status, dryRun, from, today, dryRun ? null : resumeFrom,
                    itemsRead, deleted, versionsDeleted, repaired, keptHeld, keptNotYetDue, keptUntagged, failed, List.copyOf(wouldDelete),
                    List.copyOf(overdue));
        }

        private Map<String, Object> fields(CatalogueEntry entry, Map<String, Object> more) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("runId", runId);
            fields.put("recordingId", entry.recordingId());
            fields.put("council", String.valueOf(entry.council()));
            fields.put("expiresOn", entry.expiresOn().toString());
            fields.putAll(more);
            return fields;
        }

        private static Map<String, String> dimensions(CatalogueEntry entry) {
            return Map.of("Council", String.valueOf(entry.council()));
        }

        private Map<String, Object> summary(SweepReport report) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("runId", runId);
            fields.put("status", report.status().name());
            fields.put("from", String.valueOf(report.from()));
            fields.put("to", String.valueOf(report.to()));
            fields.put("itemsRead", report.itemsRead());
            fields.put("deleted", report.deleted());
            fields.put("failed", report.failed());
            fields.put("keptHeld", report.keptHeld());
            fields.put("reviewsOverdue", report.reviewsOverdue().size());
            return fields;
        }
    }
}
