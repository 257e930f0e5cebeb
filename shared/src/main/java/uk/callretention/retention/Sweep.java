package uk.callretention.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.observability.LogLine;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;

/**
 * Deletes, on the day, every recording whose expiry date has come: reads only the expiry index, from the oldest day
 * not yet swept to today, one day at a time with its 16 shards read at once; re-checks each object in the bucket;
 * deletes every version in batches; audits each deletion and leaves a tombstone. Anything due that it cannot delete
 * is filed under today, so the next run looks again. Stops before the deadline and records where to resume.
 *
 * <p>The calls for different recordings run on {@code concurrency} workers at once (re-checks, then the audit event
 * and tombstone of each deletion); the DeleteObjects calls take up to 1,000 keys from whichever workers filled them.
 * At most 1,000 + 2 × {@code concurrency} recordings are in hand at a time. The audit event and the tombstone stay
 * one conditional write each per recording: the audit chain's head moves only if it is the head the event was
 * chained to, and the tombstone is written only over the entry the sweep read, and BatchWriteItem takes no
 * conditions.
 *
 * <p>Order for one recording: versions deleted, then the audit event, then the tombstone. A crash after the delete
 * leaves the entry in the index with no versions in the bucket; the next run finds it and finishes, writing the
 * audit event only if the trail does not have it yet. At the deadline the readers stop, recordings read but not yet
 * re-checked are left for the next run, and what was re-checked is deleted, audited and tombstoned before the run
 * records the oldest day it left anything of as where to resume.
 *
 * <p>A complete run also settles holds that a request left placing or releasing ({@link HoldService#settleUnfinished}).
 * Each run reports how far behind the sweep is ({@value #DAYS_OVERDUE_METRIC}).
 */
public final class Sweep {

    public static final String ACTOR = "system:expire-recordings";
    /** Days from the oldest day not yet swept to today: the recordings due then, if any, are that late. */
    public static final String DAYS_OVERDUE_METRIC = "OldestDueRecordingDaysOverdue";
    /** The most workers a run may have; beyond it the bucket's and tables' throttling, not the sweep, sets the pace. */
    public static final int MAX_CONCURRENCY = 128;
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
    private final int concurrency;
    private final DeletionBatch.Pause pause;

    /**
     * @param calendar    where the first run ever starts
     * @param concurrency how many recordings are re-checked, audited and tombstoned at once, 1 to {@value #MAX_CONCURRENCY}
     */
    public Sweep(RetentionCatalogue catalogue, RetentionStore store, AuditLog audit, SweepProgress progress, HoldService holds,
                 SweepCalendar calendar, LogLine log, Clock clock, int concurrency) {
        this(catalogue, store, audit, progress, holds, calendar, log, clock, concurrency, DeletionBatch.BACKING_OFF);
    }

    Sweep(RetentionCatalogue catalogue, RetentionStore store, AuditLog audit, SweepProgress progress, HoldService holds,
          SweepCalendar calendar, LogLine log, Clock clock, int concurrency, DeletionBatch.Pause pause) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("the sweep's concurrency must be from 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
        }
        this.catalogue = catalogue;
        this.store = store;
        this.audit = audit;
        this.progress = progress;
        this.holds = holds;
        this.calendar = calendar;
        this.log = log;
        this.clock = clock;
        this.concurrency = concurrency;
        this.pause = pause;
    }

    /**
     * @param today the UK date to sweep up to; the caller makes sure it is not after the real one
     * @param dryRun read and re-check only: delete, write and claim nothing
     */
    public SweepReport run(LocalDate today, boolean dryRun, Deadline deadline) {
        return run(today, dryRun, deadline, false);
    }

    /**
     * The catch-up schedule's run, every few minutes: sweeps only when the last run stopped at its deadline, failed or
     * died, and then leaves the overdue hold reviews to the daily run, which reports them once a day. Otherwise it
     * does nothing but one read of the progress, and report how far behind the sweep is.
     */
    public SweepReport catchUp(LocalDate today, Deadline deadline) {
        SweepProgress.Position position = progress.position(clock.instant());
        if (position.behind()) {
            return run(today, false, deadline, true);
        }
        position.oldestNotSwept().ifPresent(oldest -> reportDaysOverdue(oldest, today));
        return new SweepReport("sweep-" + UUID.randomUUID(), SweepReport.Status.UP_TO_DATE, false, null, today,
                position.oldestNotSwept().orElse(null), 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of());
    }

    private SweepReport run(LocalDate today, boolean dryRun, Deadline deadline, boolean catchingUp) {
        String runId = "sweep-" + UUID.randomUUID();
        if (dryRun) {
            return new Run(runId, today, true, catchingUp).sweep(progress.oldestNotSwept(), deadline);
        }
        Instant now = clock.instant();
        if (!progress.claim(runId, now, now.plus(CLAIM))) {
            log.info("another sweep is running; this one does nothing", Map.of("runId", runId));
            return new Run(runId, today, false, catchingUp).report(SweepReport.Status.ALREADY_RUNNING, null, List.of());
        }
        boolean released = false;
        try {
            SweepReport report = new Run(runId, today, false, catchingUp).sweep(progress.oldestNotSwept(), deadline);
            progress.release(runId, report.resumeFrom(), report.status() == SweepReport.Status.COMPLETE);
            released = true;
            reportDaysOverdue(report.resumeFrom(), today);
            return report;
        } finally {
            if (!released) {
                progress.abandon(runId);
            }
        }
    }

    private void reportDaysOverdue(LocalDate oldestNotSwept, LocalDate today) {
        long days = Math.max(0, ChronoUnit.DAYS.between(oldestNotSwept, today));
        log.value(LogLine.METRICS_NAMESPACE, DAYS_OVERDUE_METRIC, days, Map.of());
    }

    /** One run's state and tallies, shared by its readers and workers. */
    private final class Run {
        private final String runId;
        private final LocalDate today;
        private final boolean dryRun;
        private final boolean catchingUp;
        private final DeletionBatch batch;
        private final List<String> wouldDelete = new ArrayList<>();
        /** The oldest day of which the run left a recording unread or not re-checked: where the next run starts. */
        private final AtomicReference<LocalDate> stoppedOn = new AtomicReference<>();
        private final AtomicInteger itemsRead = new AtomicInteger();
        private final AtomicInteger deleted = new AtomicInteger();
        private final AtomicInteger versionsDeleted = new AtomicInteger();
        private final AtomicInteger repaired = new AtomicInteger();
        private final AtomicInteger keptHeld = new AtomicInteger();
        private final AtomicInteger keptNotYetDue = new AtomicInteger();
        private final AtomicInteger keptUntagged = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private SweepWorkers workers;
        private LocalDate from;

        Run(String runId, LocalDate today, boolean dryRun, boolean catchingUp) {
            this.runId = runId;
            this.today = today;
            this.dryRun = dryRun;
            this.catchingUp = catchingUp;
            this.batch = new DeletionBatch(store, pause, this::deleted, this::refused);
        }

        SweepReport sweep(Optional<LocalDate> oldestNotSwept, Deadline deadline) {
            // A run asked to sweep up to a day before the stored progress reads nothing and leaves the progress where it is.
            from = oldestNotSwept.orElseGet(() -> calendar.firstDay(today));
            try (SweepWorkers started = new SweepWorkers(runId, Math.min(ExpiryShard.SHARDS, concurrency), concurrency,
                    DeletionBatch.MAX_KEYS_PER_CALL + 2 * concurrency)) {
                workers = started;
                // One day at a time, so that where a run stops no later day has been started.
                for (LocalDate day = from; !day.isAfter(today) && stoppedOn.get() == null && !workers.failed(); day = day.plusDays(1)) {
                    LocalDate shardsDay = day;
                    workers.readAll(ExpiryShard.allFor(day).stream().<Runnable>map(shard -> () -> read(shard, shardsDay, deadline)).toList());
                }
                workers.awaitIdle();
                batch.flush();
                workers.awaitIdle();
            }
            boolean complete = stoppedOn.get() == null;
            List<Hold> overdue = complete && !catchingUp ? holds.reviewsOverdue(today) : List.of();
            if (!dryRun && complete) {
                settleUnfinishedHolds();
            }
            if (!dryRun) {
                overdue.forEach(hold -> log.count(LogLine.METRICS_NAMESPACE, "HoldReviewsOverdue", Map.of("Council", hold.council())));
            }
            SweepReport report = complete
                    ? report(SweepReport.Status.COMPLETE, from.isAfter(today) ? from : today, overdue)
                    : report(SweepReport.Status.STOPPED_AT_DEADLINE, stoppedOn.get(), overdue);
            log.info(dryRun ? "dry-run sweep finished" : "sweep finished", summary(report));
            return report;
        }

        /** One shard of one day, handed to the workers recording by recording; checked before the query too: a first run reads thousands of empty shards. */
        private void read(String shard, LocalDate day, Deadline deadline) {
            if (deadline.isNear()) {
                stopOn(day);
                return;
            }
            for (CatalogueEntry entry : catalogue.indexedUnder(shard)) {
                if (deadline.isNear()) {
                    stopOn(day);
                    return;
                }
                if (!workers.admit()) {
                    return;
                }
                itemsRead.incrementAndGet();
                workers.execute(() -> consider(entry, day, deadline));
            }
        }

        private void stopOn(LocalDate day) {
            stoppedOn.accumulateAndGet(day, (stopped, next) -> stopped == null || next.isBefore(stopped) ? next : stopped);
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

        private void consider(CatalogueEntry entry, LocalDate filedUnder, Deadline deadline) {
            if (deadline.isNear()) {
                // Still in the index under that day, which the next run reads again.
                stopOn(filedUnder);
                workers.release();
                return;
            }
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
                synchronized (wouldDelete) {
                    if (wouldDelete.size() < MAX_LISTED) {
                        wouldDelete.add(entry.recordingId());
                    }
                }
                workers.release();
            } else {
                batch.add(entry, (Recheck.Delete) verdict);
            }
        }

        private void keep(CatalogueEntry entry, LocalDate filedUnder, Recheck.Why why, LocalDate fileUnder) {
            switch (why) {
                case HELD -> keptHeld.incrementAndGet();
                case NOT_YET_DUE -> keptNotYetDue.incrementAndGet();
                case UNTAGGED -> keptUntagged.incrementAndGet();
            }
            if (!dryRun) {
                log.info("recording kept", fields(entry, Map.of("why", why.name(), "fileUnder", fileUnder.toString())));
                log.count(LogLine.METRICS_NAMESPACE, why == Recheck.Why.HELD ? "RecordingsHeldAtSweep" : "RecordingsSkippedAtSweep", dimensions(entry));
                if (!fileUnder.equals(filedUnder)) {
                    catalogue.fileUnder(entry, fileUnder);
                }
            }
            workers.release();
        }

        /** Called by whichever thread sent the batch: the audit event and tombstone go to a worker. */
        private void deleted(CatalogueEntry entry, Recheck.Delete delete) {
            workers.execute(() -> {
                auditAndTombstone(entry, delete);
                workers.release();
            });
        }

        private void refused(CatalogueEntry entry) {
            workers.execute(() -> {
                fileRefusedUnderToday(entry);
                workers.release();
            });
        }

        private void auditAndTombstone(CatalogueEntry entry, Recheck.Delete delete) {
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
            deleted.incrementAndGet();
            versionsDeleted.addAndGet(versions);
            if (delete.alreadyGone()) {
                repaired.incrementAndGet();
            }
            log.info("recording deleted", fields(entry, Map.of("versions", versions, "reason", reason.id(),
                    "repaired", delete.alreadyGone(), "tombstoned", tombstoned)));
            log.count(LogLine.METRICS_NAMESPACE, "RecordingsDeleted", dimensions(entry));
        }

        private void fileRefusedUnderToday(CatalogueEntry entry) {
            failed.incrementAndGet();
            log.error("recording not deleted: S3 refused a version after retries; the next sweep tries again", fields(entry, Map.of()));
            log.count(LogLine.METRICS_NAMESPACE, "RecordingDeletionsFailed", dimensions(entry));
            catalogue.fileUnder(entry, today);
        }

        SweepReport report(SweepReport.Status status, LocalDate resumeFrom, List<Hold> overdue) {
            List<String> listed;
            synchronized (wouldDelete) {
                listed = List.copyOf(wouldDelete);
            }
            return new SweepReport(runId, status, dryRun, from, today, dryRun ? null : resumeFrom, itemsRead.get(), deleted.get(),
                    versionsDeleted.get(), repaired.get(), keptHeld.get(), keptNotYetDue.get(), keptUntagged.get(), failed.get(), listed,
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
