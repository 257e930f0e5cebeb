package uk.callretention.retention;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import uk.callretention.recording.CatalogueEntry;

/**
 * Recordings waiting for one DeleteObjects call: filled up to S3's limit of 1,000 keys, so a sweep of n due
 * recordings of one version each makes ⌈n/1000⌉ calls. Keys S3 refuses are retried, a few times with a pause;
 * a recording counts as deleted only when none of its keys was refused in the end.
 *
 * <p>Safe for many workers at once: a worker whose recording fills the batch takes the batch and sends it itself,
 * outside the lock, while the others fill the next one; each recording is in exactly one batch.
 */
final class DeletionBatch {

    static final int MAX_KEYS_PER_CALL = 1000;
    static final int MAX_ATTEMPTS = 3;

    /** How long to wait before retrying refused keys; tests pass one that does not wait. */
    @FunctionalInterface
    interface Pause {
        void before(int attempt);
    }

    static final Pause BACKING_OFF = attempt -> {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    private record Pending(CatalogueEntry entry, Recheck.Delete delete) {
    }

    private final RetentionStore store;
    private final Pause pause;
    private final BiConsumer<CatalogueEntry, Recheck.Delete> onDeleted;
    private final Consumer<CatalogueEntry> onRefused;
    private final List<Pending> pending = new ArrayList<>();
    private int keys;

    DeletionBatch(RetentionStore store, Pause pause, BiConsumer<CatalogueEntry, Recheck.Delete> onDeleted, Consumer<CatalogueEntry> onRefused) {
        this.store = store;
        this.pause = pause;
        this.onDeleted = onDeleted;
        this.onRefused = onRefused;
    }

    void add(CatalogueEntry entry, Recheck.Delete delete) {
        ready(new Pending(entry, delete)).forEach(this::send);
    }

    /** Sends what is waiting, however little. */
    void flush() {
        List<Pending> rest;
        synchronized (this) {
            rest = take();
        }
        send(rest);
    }

    /** Adds the recording; the batches it closed, if any: the one it would have overfilled, and its own once full. */
    private synchronized List<List<Pending>> ready(Pending recording) {
        List<List<Pending>> ready = new ArrayList<>(2);
        if (!pending.isEmpty() && keys + recording.delete().keys().size() > MAX_KEYS_PER_CALL) {
            ready.add(take());
        }
        pending.add(recording);
        keys += recording.delete().keys().size();
        if (keys >= MAX_KEYS_PER_CALL) {
            ready.add(take());
        }
        return ready;
    }

    private List<Pending> take() {
        List<Pending> taken = List.copyOf(pending);
        pending.clear();
        keys = 0;
        return taken;
    }

    private void send(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<ObjectVersion> all = batch.stream().flatMap(p -> p.delete().keys().stream()).toList();
        Refusals refused = new Refusals(deleteWithRetries(all));
        for (Pending p : batch) {
            if (p.delete().keys().stream().anyMatch(refused::covers)) {
                onRefused.accept(p.entry());
            } else {
                onDeleted.accept(p.entry(), p.delete());
            }
        }
    }

    private List<ObjectVersion> deleteWithRetries(List<ObjectVersion> versions) {
        List<ObjectVersion> remaining = versions;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !remaining.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause.before(attempt);
            }
            List<ObjectVersion> refused = new ArrayList<>();
            for (int start = 0; start < remaining.size(); start += MAX_KEYS_PER_CALL) {
                refused.addAll(store.delete(remaining.subList(start, Math.min(remaining.size(), start + MAX_KEYS_PER_CALL))));
            }
            Refusals refusals = new Refusals(refused);
            remaining = remaining.stream().filter(refusals::covers).toList();
        }
        return remaining;
    }

    /** S3 names each refused version; some servers name only the key, which then stands for all its versions. */
    private static final class Refusals {
        private final Set<ObjectVersion> versions = new HashSet<>();
        private final Set<String> wholeKeys = new HashSet<>();

        Refusals(List<ObjectVersion> refused) {
            for (ObjectVersion version : refused) {
                if (version.versionId() == null) {
                    wholeKeys.add(version.key());
                } else {
                    versions.add(new ObjectVersion(version.key(), version.versionId(), false));
                }
            }
        }

        boolean covers(ObjectVersion version) {
            return wholeKeys.contains(version.key()) || versions.contains(new ObjectVersion(version.key(), version.versionId(), false));
        }
    }
}
