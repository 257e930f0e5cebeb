package uk.callretention.retention;

import static uk.callretention.policy.RetentionSchedule.UK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import uk.callretention.access.AccessCatalogue;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.observability.LogLine;
import uk.callretention.policy.CouncilPolicy;
import uk.callretention.policy.PolicyBook;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingId;
import uk.callretention.recording.RecordingKey;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingStore;
import uk.callretention.recording.RecordingTagger;
import uk.callretention.recording.RecordingTags;
import uk.callretention.recording.TaggingOutcome;
import uk.callretention.recording.Upload;
import uk.callretention.recording.UploadNotifications;

/**
 * Puts right what the upload path left wrong, for the recent UK days: an object uncatalogued or untagged, a catalogue
 * entry whose object is gone, and any upload event set aside in the dead-letter queue. It never lists the whole
 * bucket: only the prefixes {@code council/team/channel/yyyy/mm/dd/} the bundled policies can give, one per day.
 *
 * <p>Objects are put right by the tagger itself, given the event S3 would have sent (or, for an untagged recording
 * already catalogued, the event that catalogued it): quarantine rules, the catalogue's conditions and the metadata
 * scrub apply as for any upload. An entry whose key has no version left is tombstoned
 * ({@code missing-at-reconciliation}), conditionally on the entry the catalogue still holds.
 *
 * <p>Order: the dead-letter queue first, as its events carry S3's sequencer, which orders versions of one key. Then,
 * per prefix, the catalogue's entries for that team and day are read before the prefix is listed, so every entry read
 * is for a version uploaded before the listing: an entry whose version the listing lacks is gone or going, and is
 * looked at again, alone, before anything is changed. Objects younger than {@link #SETTLING} are left to the upload
 * path, which may still be retrying them. Each repair writes its audit event pending, acts, then completes the event
 * with what happened: stopped anywhere between, the trail claims nothing that was not done, and the next run, finding
 * the problem still there, repairs it.
 *
 * <p>Within a prefix, objects and entries are checked up to {@code concurrency} at once (a day of one team can hold
 * thousands, each needing its own tag read); a check that fails is counted and left for the next run.
 */
public final class Reconciliation {

    public static final String ACTOR = "system:reconcile-recordings";
    /**
     * Longer than the upload queue can keep an event in play: its visibility timeout (6 minutes) times the most
     * deliveries the template allows (10), after which the event is in the dead-letter queue, which is drained first.
     */
    public static final Duration SETTLING = Duration.ofHours(2);
    private static final int CATALOGUE_PAGE = 1000;
    private static final DateTimeFormatter KEY_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    /** What was wrong, as the audit event, the log line and the report name it. */
    public enum Problem {
        /** An upload event failed every delivery and waited in the dead-letter queue. */
        DEAD_LETTERED("dead-lettered"),
        /** An object with no catalogue entry: its event never reached the tagger. */
        UNCATALOGUED("uncatalogued"),
        /** The key's current version is not the one its catalogue entry names: a newer upload's event was lost. */
        VERSION_NOT_CATALOGUED("version-not-catalogued"),
        /** Catalogued, but the object lacks the retention tags that the lifecycle rules match. */
        UNTAGGED("untagged"),
        /** Catalogued as kept, but no version of the object is left. */
        MISSING("missing-at-reconciliation"),
        /** Catalogued as held, but no version of the object is left: for a person to look at, never changed here. */
        HELD_VERSION_MISSING("held-version-missing");

        private final String id;

        Problem(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The UK days whose key prefixes are compared, both included. */
    public record Days(LocalDate from, LocalDate to) {
        public Days {
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("from is after to");
            }
        }
    }

    /** What reconciliation reads and writes besides the tagger and the audit trail. */
    public record Sources(String bucket, BucketListing listing, RecordingStore store, AccessCatalogue catalogue,
                          RetentionCatalogue retention, DeadLetters deadLetters) {
    }

    private final PolicyBook policies;
    private final RecordingTagger tagger;
    private final Sources sources;
    private final AuditLog audit;
    private final LogLine log;
    private final Clock clock;
    private final int concurrency;

    /** @param concurrency how many checks at once; 1 checks one at a time on the caller's thread */
    public Reconciliation(PolicyBook policies, RecordingTagger tagger, Sources sources, AuditLog audit, LogLine log, Clock clock,
                          int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.policies = policies;
        this.tagger = tagger;
        this.sources = sources;
        this.audit = audit;
        this.log = log;
        this.clock = clock;
        this.concurrency = concurrency;
    }

    /** @param dryRun look only: count what would be put right, and the dead letters waiting, and change nothing */
    public ReconciliationReport run(Days days, boolean dryRun, Deadline deadline) {
        ExecutorService workers = concurrency == 1 ? null : Executors.newFixedThreadPool(concurrency);
        try {
            ReconciliationReport report = new Run("reconcile-" + UUID.randomUUID(), days, dryRun, deadline, workers).reconcile();
            log.info(dryRun ? "dry-run reconciliation finished" : "reconciliation finished", report.summary());
            return report;
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    /** One run's state and tallies. */
    private final class Run {
        private final String runId;
        private final Days days;
        private final boolean dryRun;
        private final Deadline deadline;
        private final Instant settled;
        private final LocalDate today;
        private final ExecutorService workers;
        private final Map<String, Integer> found = new ConcurrentHashMap<>();
        private final AtomicInteger objectsChecked = new AtomicInteger();
        private final AtomicInteger entriesChecked = new AtomicInteger();
        private final AtomicInteger leftToSettle = new AtomicInteger();
        private final AtomicInteger repaired = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private int prefixesListed;
        private int deadLettersHandled;
        private int deadLettersLeft;

        Run(String runId, Days days, boolean dryRun, Deadline deadline, ExecutorService workers) {
            this.runId = runId;
            this.days = days;
            this.dryRun = dryRun;
            this.deadline = deadline;
            this.workers = workers;
            Instant now = clock.instant();
            this.settled = now.minus(SETTLING);
            this.today = now.atZone(UK).toLocalDate();
        }

        ReconciliationReport reconcile() {
            if (!drainDeadLetters()) {
                return report("dead-letter queue");
            }
            for (LocalDate day = days.from(); !day.isAfter(days.to()); day = day.plusDays(1)) {
                for (CouncilPolicy council : councils()) {
                    List<CatalogueEntry> quarantined = quarantinedOn(council.id(), day);
                    for (String team : teams(council)) {
                        List<CatalogueEntry> entries = new ArrayList<>(teamDay(council.id(), team, day));
                        entries.addAll(quarantined);
                        for (String channel : channels(council, team)) {
                            String prefix = council.id() + "/" + team + "/" + channel + "/" + KEY_DATE.format(day) + "/";
                            if (deadline.isNear() || !reconcilePrefix(prefix, council.id(), entries)) {
                                return report(prefix);
                            }
                        }
                    }
                }
            }
            return report(null);
        }

        /** @return false when the deadline stopped it */
        private boolean drainDeadLetters() {
            if (dryRun) {
                deadLettersLeft = sources.deadLetters().waiting();
                return true;
            }
            for (List<DeadLetters.Letter> letters = sources.deadLetters().take(); !letters.isEmpty(); letters = sources.deadLetters().take()) {
                for (DeadLetters.Letter letter : letters) {
                    if (deadline.isNear()) {
                        return false;
                    }
                    if (handle(letter)) {
                        sources.deadLetters().discard(letter);
                        deadLettersHandled++;
                    } else {
                        deadLettersLeft++;
                    }
                }
            }
            return true;
        }

        private boolean handle(DeadLetters.Letter letter) {
            List<Upload> uploads;
            try {
                uploads = UploadNotifications.parse(letter.body());
            } catch (UploadNotifications.MalformedNotificationException e) {
                log.error("dead letter left in the queue: it is not an S3 event notification", Map.of("runId", runId, "messageId", letter.id()));
                return false;
            }
            boolean all = true;
            for (Upload upload : uploads) {
                if (!sources.bucket().equals(upload.bucket())) {
                    log.error("dead letter left in the queue: it names another bucket", Map.of("runId", runId, "messageId", letter.id()));
                    return false;
                }
                all &= repair(Problem.DEAD_LETTERED, councilOf(upload.key()), upload.key(), upload.versionId().orElse(null), () -> tag(upload));
            }
            return all;
        }

        /** @return false when the deadline stopped it */
        private boolean reconcilePrefix(String prefix, String council, List<CatalogueEntry> entries) {
            Map<String, CatalogueEntry> catalogued = new LinkedHashMap<>();
            entries.stream().filter(entry -> entry.objectKey() != null && entry.objectKey().startsWith(prefix))
                    .forEach(entry -> catalogued.put(entry.objectKey(), entry));
            Map<String, List<BucketListing.ListedVersion>> listed = new LinkedHashMap<>();
            sources.listing().versionsUnder(prefix).forEach(version -> listed.computeIfAbsent(version.key(), k -> new ArrayList<>()).add(version));
            prefixesListed++;
            List<BucketListing.ListedVersion> current = listed.values().stream()
                    .flatMap(versions -> versions.stream().filter(BucketListing.ListedVersion::latest).limit(1)).toList();
            return eachOf(current, version -> checkObject(council, version, Optional.ofNullable(catalogued.get(version.key()))))
                    && eachOf(catalogued.values(), entry -> checkEntry(entry, listed.getOrDefault(entry.objectKey(), List.of())));
        }

        /**
         * Checks each, up to {@code concurrency} at once, taking none on once the deadline is near; a check that fails
         * is counted and left for the next run. A crash ({@link Error}) stops the run as it would stop the process.
         *
         * @return false when the deadline stopped it
         */
        private <T> boolean eachOf(Collection<T> items, Consumer<T> check) {
            AtomicBoolean stopped = new AtomicBoolean();
            Consumer<T> guarded = item -> {
                if (stopped.get() || deadline.isNear()) {
                    stopped.set(true);
                    return;
                }
                try {
                    check.accept(item);
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    log.error("recording not checked; the next run looks again", Map.of("runId", runId, "error", e.getClass().getSimpleName()));
                }
            };
            if (workers == null) {
                items.forEach(guarded);
                return !stopped.get();
            }
            List<Future<?>> running = items.stream().<Future<?>>map(item -> workers.submit(() -> guarded.accept(item))).toList();
            for (Future<?> done : running) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while checking", e);
                }
            }
            return !stopped.get();
        }

        /** A key's current version; one behind a delete marker is the noncurrent-version rule's. */
        private void checkObject(String council, BucketListing.ListedVersion current, Optional<CatalogueEntry> filed) {
            objectsChecked.incrementAndGet();
            if (current.lastModified().isAfter(settled)) {
                leftToSettle.incrementAndGet();
                return;
            }
            String key = current.key();
            String version = current.versionId();
            // Not filed under the key's day (a key that does not parse is filed under its council's quarantine by the
            // day it was catalogued): looked up by its id before it is called uncatalogued.
            CatalogueEntry entry = filed.or(() -> sources.retention().find(RecordingId.forKey(key))
                    .filter(found -> found.state() != RecordingState.DELETED)).orElse(null);
            if (entry == null) {
                repair(Problem.UNCATALOGUED, council, key, version, () -> tag(new Upload(sources.bucket(), key, Optional.of(version), Optional.empty())));
            } else if (entry.state() == RecordingState.HELD) {
                // A hold keeps every version of its key, whenever it came; the tagger and the hold lock them.
                return;
            } else if (!entry.versionId().equals(version)) {
                repair(Problem.VERSION_NOT_CATALOGUED, council, key, version,
                        () -> tag(new Upload(sources.bucket(), key, Optional.of(version), Optional.empty())));
            } else if (!hasRetentionTags(sources.store().tags(key, version))) {
                repair(Problem.UNTAGGED, council, key, version, () -> tag(RecordingTagger.redelivery(sources.bucket(), entry)));
            }
        }

        private void checkEntry(CatalogueEntry entry, List<BucketListing.ListedVersion> versions) {
            entriesChecked.incrementAndGet();
            // A key with a current version was put right above, by tagging that version.
            if (versions.stream().anyMatch(v -> v.versionId().equals(entry.versionId()) || v.latest())) {
                return;
            }
            // Looked at again alone: the sweep, an erasure or the scrub may have changed it since it was read.
            Optional<CatalogueEntry> now = sources.retention().find(entry.recordingId())
                    .filter(still -> still.state() != RecordingState.DELETED && still.versionId().equals(entry.versionId()));
            if (now.isEmpty() || sources.store().describe(entry.objectKey(), Optional.of(entry.versionId())).isPresent()) {
                return;
            }
            CatalogueEntry missing = now.get();
            if (missing.state() == RecordingState.HELD) {
                note(Problem.HELD_VERSION_MISSING);
                if (dryRun) {
                    return;
                }
                log.error("held recording has no version left; its holds are for a person to look at", Map.of(
                        "runId", runId, "recordingId", missing.recordingId(), "council", String.valueOf(missing.council()),
                        "problem", Problem.HELD_VERSION_MISSING.id()));
                reconciled(missing.council(), Problem.HELD_VERSION_MISSING, missing.recordingId());
                return;
            }
            repair(Problem.MISSING, missing.council(), missing.objectKey(), missing.versionId(), () -> sources.retention()
                    .tombstone(missing, new Tombstone(missing.recordingId(), today, DeletionReason.MISSING_AT_RECONCILIATION)));
        }

        private boolean tag(Upload upload) {
            TaggingOutcome.Kind kind = tagger.tag(upload).kind();
            return kind != TaggingOutcome.Kind.UNCHANGED && kind != TaggingOutcome.Kind.GONE;
        }

        /**
         * Audited pending, done, then completed with what happened.
         *
         * @param action true when it changed something, false when it found nothing left to change
         * @return false when it failed; the next run finds the problem again
         */
        private boolean repair(Problem problem, String council, String key, String versionId, Supplier<Boolean> action) {
            note(problem);
            String recordingId = RecordingId.forKey(key);
            if (dryRun) {
                log.info("recording would be reconciled", Map.of("runId", runId, "recordingId", recordingId, "problem", problem.id()));
                return true;
            }
            try {
                AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), clock.instant(), recordingId, versionId, AuditAction.RECONCILED,
                        ACTOR, council, null, null, AuditEvent.PENDING, Map.of("problem", problem.id(), "runId", runId));
                audit.record(event);
                boolean changed = action.get();
                audit.complete(event, changed ? "allowed" : "unchanged");
                repaired.incrementAndGet();
                reconciled(council, problem, recordingId);
                return true;
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.error("recording not reconciled; the next run tries again", Map.of("runId", runId, "recordingId", recordingId,
                        "problem", problem.id(), "error", e.getClass().getSimpleName()));
                return false;
            }
        }

        private void note(Problem problem) {
            found.merge(problem.id(), 1, Integer::sum);
        }

        private void reconciled(String council, Problem problem, String recordingId) {
            log.count(LogLine.METRICS_NAMESPACE, "RecordingsReconciled", Map.of("Council", council == null ? "none" : council),
                    Map.of("problem", problem.id(), "recordingId", recordingId, "runId", runId));
        }

        private List<CatalogueEntry> teamDay(String council, String team, LocalDate day) {
            return allPages(token -> sources.catalogue().teamRecordings(council, team, start(day), start(day.plusDays(1)), CATALOGUE_PAGE, token));
        }

        private List<CatalogueEntry> quarantinedOn(String council, LocalDate day) {
            return allPages(token -> sources.catalogue().quarantinedRecordings(council, start(day), start(day.plusDays(1)), CATALOGUE_PAGE, token));
        }

        private ReconciliationReport report(String stoppedAt) {
            return new ReconciliationReport(runId, dryRun, days.from(), days.to(), stoppedAt == null, stoppedAt, prefixesListed,
                    objectsChecked.get(), entriesChecked.get(), leftToSettle.get(), Collections.unmodifiableMap(new TreeMap<>(found)),
                    repaired.get(), failed.get(), deadLettersHandled, deadLettersLeft);
        }
    }

    private List<CouncilPolicy> councils() {
        return policies.councils().stream().sorted(Comparator.comparing(CouncilPolicy::id)).toList();
    }

    private static TreeSet<String> teams(CouncilPolicy council) {
        TreeSet<String> teams = new TreeSet<>();
        council.channels().values().forEach(byId -> teams.addAll(byId.keySet()));
        return teams;
    }

    private static List<String> channels(CouncilPolicy council, String team) {
        return council.channels().entrySet().stream().filter(byChannel -> byChannel.getValue().containsKey(team))
                .map(byChannel -> byChannel.getKey().id()).sorted().toList();
    }

    private static boolean hasRetentionTags(Map<String, String> tags) {
        return tags.containsKey(RecordingTags.RETENTION) && tags.containsKey(RecordingTags.EXPIRES);
    }

    private static String councilOf(String key) {
        return RecordingKey.councilNamedBy(key).orElse(null);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(UK).toInstant();
    }

    private static List<CatalogueEntry> allPages(Function<Optional<String>, AccessCatalogue.TeamPage> page) {
        List<CatalogueEntry> entries = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            AccessCatalogue.TeamPage next = page.apply(token);
            entries.addAll(next.entries());
            token = next.nextPageToken();
        } while (token.isPresent());
        return entries;
    }
}
