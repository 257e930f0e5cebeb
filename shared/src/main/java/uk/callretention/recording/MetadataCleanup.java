package uk.callretention.recording;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Takes personal metadata off recordings stored before the tagger did so itself: walks the catalogue a page at a
 * time and scrubs each catalogued version that still carries any, exactly as the tagger does ({@link MetadataScrub}:
 * the same order of writes, so it is safe beside the live tagger and after a crash). A dry run only reads and
 * counts. It stops between pages when the deadline is near and reports where to carry on, so it can be run again
 * with that cursor until it reports {@code complete}; a run over a clean catalogue scrubs nothing.
 *
 * <p>A held recording is scrubbed too (its copy is made locked, and the first version's lock lifted only once the
 * catalogue points at the copy); one whose hold is placed or released while it runs is counted in {@code leftHeld}
 * and scrubbed by the next run. A catalogued copy whose source version is still there (a run stopped before
 * deleting it) has that version deleted. Other versions the catalogue does not point at (an older upload) are not
 * looked at: the noncurrent-version lifecycle rule deletes them a day after they were overtaken.
 */
public final class MetadataCleanup {

    private final CataloguePages pages;
    private final RecordingStore store;
    private final MetadataScrub scrub;

    public MetadataCleanup(CataloguePages pages, RecordingStore store, MetadataScrub scrub) {
        this.pages = pages;
        this.store = store;
        this.scrub = scrub;
    }

    public Report run(Optional<String> cursor, boolean dryRun, int pageSize, BooleanSupplier deadlineNear) {
        Report.Counter counts = new Report.Counter();
        Optional<String> next = cursor;
        do {
            CataloguePages.Page page = pages.page(next, pageSize);
            page.entries().forEach(entry -> counts.add(examine(entry, dryRun)));
            next = page.next();
        } while (next.isPresent() && !deadlineNear.getAsBoolean());
        return counts.report(dryRun, next);
    }

    private Outcome examine(CatalogueEntry entry, boolean dryRun) {
        if (entry.state() == RecordingState.DELETED) {
            return Outcome.TOMBSTONE;
        }
        Optional<StoredObject> found = store.describe(entry.objectKey(), Optional.of(entry.versionId()));
        if (found.isEmpty()) {
            return Outcome.GONE;
        }
        if (scrub.finishCopy(entry.objectKey(), found.get(), entry, dryRun)) {
            return dryRun ? Outcome.WOULD_SCRUB : Outcome.SCRUBBED;
        }
        MetadataScrub.Result planned = scrub.plan(found.get());
        MetadataScrub.Result result = dryRun || planned != MetadataScrub.Result.SCRUBBED
                ? planned : scrub.scrub(entry.objectKey(), found.get(), entry).result();
        return switch (result) {
            case NONE -> Outcome.CLEAN;
            case SCRUBBED -> dryRun ? Outcome.WOULD_SCRUB : Outcome.SCRUBBED;
            case SUPERSEDED -> Outcome.SUPERSEDED;
            case LEFT_HELD -> Outcome.LEFT_HELD;
            case LEFT_TOO_LARGE -> Outcome.LEFT_TOO_LARGE;
        };
    }

    enum Outcome { TOMBSTONE, GONE, CLEAN, WOULD_SCRUB, SCRUBBED, SUPERSEDED, LEFT_HELD, LEFT_TOO_LARGE }

    /**
     * Counts only, never keys or metadata.
     *
     * @param cursor where to carry on, null when complete
     */
    public record Report(boolean dryRun, int examined, int clean, int wouldScrub, int scrubbed, int superseded, int leftHeld,
                         int leftTooLarge, int gone, boolean complete, String cursor) {

        private static final class Counter {
            private final int[] counts = new int[Outcome.values().length];

            void add(Outcome outcome) {
                counts[outcome.ordinal()]++;
            }

            Report report(boolean dryRun, Optional<String> next) {
                int examined = Arrays.stream(counts).sum();
                return new Report(dryRun, examined, counts[Outcome.CLEAN.ordinal()], counts[Outcome.WOULD_SCRUB.ordinal()],
                        counts[Outcome.SCRUBBED.ordinal()], counts[Outcome.SUPERSEDED.ordinal()], counts[Outcome.LEFT_HELD.ordinal()],
                        counts[Outcome.LEFT_TOO_LARGE.ordinal()], counts[Outcome.GONE.ordinal()], next.isEmpty(), next.orElse(null));
            }
        }
    }
}
