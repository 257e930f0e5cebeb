package uk.callretention.expiry;

import static uk.callretention.recording.CatalogueEntryBuilder.anEntry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import uk.callretention.audit.AuditAction;
import uk.callretention.audit.AuditEvent;
import uk.callretention.audit.AuditLog;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.recording.RecordingTags;
import uk.callretention.retention.Hold;
import uk.callretention.retention.Holds;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionCatalogue;
import uk.callretention.retention.RetentionStore;
import uk.callretention.retention.SweepProgress;
import uk.callretention.retention.Tombstone;

/**
 * The sweep's stores in memory, for the scale benchmark: each method waits as long as the AWS calls it stands for
 * would take ({@code s3Call} per S3 call, {@code dynamoDbCall} per DynamoDB call, counted as the project's AWS
 * implementations make them), because moto slows down as its tables grow and a million-item catalogue would measure
 * moto. They keep only what the sweep reads and writes, and count the calls and the items the index returns.
 */
final class InMemoryRetention {

    /** DynamoDB returns a query's items in pages of up to 1 MB: about this many catalogue items. */
    static final int ITEMS_PER_PAGE = 1000;
    /** What {@code DynamoDbAuditLog.record} makes: read event and head, move the head, check the last event, write the event. */
    static final int CALLS_PER_AUDIT_EVENT = 4;

    private final Duration s3Call;
    private final Duration dynamoDbCall;
    final LongAdder s3Calls = new LongAdder();
    final LongAdder dynamoDbCalls = new LongAdder();
    final LongAdder itemsRead = new LongAdder();

    final Catalogue catalogue = new Catalogue();
    final Bucket bucket = new Bucket();
    final Audit audit = new Audit();
    final Progress progress = new Progress();
    final NoHolds holds = new NoHolds();

    InMemoryRetention(Duration s3Call, Duration dynamoDbCall) {
        this.s3Call = s3Call;
        this.dynamoDbCall = dynamoDbCall;
    }

    /** A tagged recording in the bucket, catalogued and filed under its expiry day. */
    void add(CatalogueEntry entry, boolean inBucket) {
        catalogue.put(entry);
        if (inBucket) {
            bucket.objects.put(entry.objectKey(), new StoredVersion(entry.versionId(), RecordingTags.of(entry)));
        }
    }

    private void s3() {
        s3Calls.increment();
        wait(s3Call);
    }

    private void dynamoDb(int calls) {
        dynamoDbCalls.add(calls);
        wait(dynamoDbCall.multipliedBy(calls));
    }

    private static void wait(Duration latency) {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record StoredVersion(String versionId, Map<String, String> tags) {
    }

    private record Item(CatalogueEntry entry, String shard) {
    }

    final class Catalogue implements RetentionCatalogue {
        private final Map<String, Item> items = new ConcurrentHashMap<>();
        private final Map<String, Set<String>> index = new ConcurrentHashMap<>();

        void put(CatalogueEntry entry) {
            boolean indexed = entry.state() == RecordingState.ACTIVE || entry.state() == RecordingState.QUARANTINED;
            String shard = indexed ? ExpiryShard.of(entry.expiresOn(), entry.recordingId()) : null;
            items.put(entry.recordingId(), new Item(entry, shard));
            if (shard != null) {
                index.computeIfAbsent(shard, s -> ConcurrentHashMap.newKeySet()).add(entry.recordingId());
            }
        }

        RecordingState state(String recordingId) {
            return items.get(recordingId).entry().state();
        }

        /** One query page per {@value #ITEMS_PER_PAGE} items, read as the sweep iterates. */
        @Override
        public Iterable<CatalogueEntry> indexedUnder(String expiryShard) {
            List<String> ids = List.copyOf(index.getOrDefault(expiryShard, Set.of()));
            return () -> new Iterator<>() {
                private int next;
                private int pagesRead;

                @Override
                public boolean hasNext() {
                    boolean more = next < ids.size();
                    if ((more || pagesRead == 0) && next >= pagesRead * ITEMS_PER_PAGE) {
                        dynamoDb(1);
                        pagesRead++;
                    }
                    return more;
                }

                @Override
                public CatalogueEntry next() {
                    itemsRead.increment();
                    return items.get(ids.get(next++)).entry();
                }
            };
        }

        @Override
        public boolean tombstone(CatalogueEntry entry, Tombstone tombstone) {
            dynamoDb(1);
            return refile(entry, RecordingState.DELETED, null);
        }

        @Override
        public boolean fileUnder(CatalogueEntry entry, LocalDate day) {
            dynamoDb(1);
            return refile(entry, entry.state(), ExpiryShard.of(day, entry.recordingId()));
        }

        /** One conditional update: only an entry still in the index changes. */
        private synchronized boolean refile(CatalogueEntry entry, RecordingState state, String shard) {
            Item item = items.get(entry.recordingId());
            if (item.shard() == null) {
                return false;
            }
            index.get(item.shard()).remove(entry.recordingId());
            if (shard != null) {
                index.computeIfAbsent(shard, s -> ConcurrentHashMap.newKeySet()).add(entry.recordingId());
            }
            items.put(entry.recordingId(), new Item(state == item.entry().state() ? item.entry() : withState(item.entry(), state), shard));
            return true;
        }

        @Override
        public Iterable<CatalogueEntry> ofTeam(String council, String team) {
            throw new UnsupportedOperationException("the sweep does not read the team index");
        }

        @Override
        public Optional<CatalogueEntry> find(String recordingId) {
            dynamoDb(1);
            return Optional.ofNullable(items.get(recordingId)).map(Item::entry);
        }

        @Override
        public boolean markHeld(CatalogueEntry entry) {
            throw new UnsupportedOperationException("no holds in the benchmark");
        }

        @Override
        public boolean markReleased(CatalogueEntry entry, LocalDate day) {
            throw new UnsupportedOperationException("no holds in the benchmark");
        }

        @Override
        public boolean reclassify(CatalogueEntry entry, String retentionClass, LocalDate expiresOn, String policyRef, LocalDate day) {
            throw new UnsupportedOperationException("the sweep does not reclassify");
        }

        @Override
        public void indexCallId(CatalogueEntry entry) {
            throw new UnsupportedOperationException("the sweep does not index call ids");
        }

        @Override
        public List<String> trainingCopiesOf(String recordingId) {
            throw new UnsupportedOperationException("the sweep does not look for training copies");
        }

        private static CatalogueEntry withState(CatalogueEntry e, RecordingState state) {
            return anEntry().recordingId(e.recordingId()).versionId(e.versionId()).ordering(e.ordering()).state(state).council(e.council())
                    .team(e.team()).channel(e.channel()).recordedOn(e.recordedOn()).retentionClass(e.retentionClass()).expiresOn(e.expiresOn())
                    .policyRef(e.policyRef()).build();
        }
    }

    final class Bucket implements RetentionStore {
        private final Map<String, StoredVersion> objects = new ConcurrentHashMap<>();

        int objectsLeft() {
            return objects.size();
        }

        @Override
        public List<ObjectVersion> versionsOf(String key) {
            s3();
            StoredVersion version = objects.get(key);
            return version == null ? List.of() : List.of(new ObjectVersion(key, version.versionId(), false));
        }

        @Override
        public Map<String, String> tags(String key, String versionId) {
            s3();
            StoredVersion version = objects.get(key);
            return version == null ? Map.of() : version.tags();
        }

        @Override
        public boolean isUnderLegalHold(String key, String versionId) {
            s3();
            return false;
        }

        @Override
        public List<ObjectVersion> delete(List<ObjectVersion> versions) {
            s3();
            versions.forEach(version -> objects.remove(version.key()));
            return List.of();
        }

        @Override
        public void replaceTags(String key, String versionId, Map<String, String> tags) {
            throw new UnsupportedOperationException("the sweep does not tag");
        }

        @Override
        public boolean setLegalHold(String key, String versionId, boolean on) {
            throw new UnsupportedOperationException("the sweep places no legal holds");
        }
    }

    /** Only the deletion events, by recording: what the benchmark checks. */
    final class Audit implements AuditLog {
        private final Map<String, List<AuditEvent>> trails = new ConcurrentHashMap<>();

        int deletions(String recordingId) {
            return (int) trails.getOrDefault(recordingId, List.of()).stream().filter(e -> e.action() == AuditAction.DELETED).count();
        }

        @Override
        public void record(AuditEvent event) {
            dynamoDb(CALLS_PER_AUDIT_EVENT);
            trails.compute(event.subject(), (subject, trail) -> {
                List<AuditEvent> grown = trail == null ? new ArrayList<>() : new ArrayList<>(trail);
                grown.add(event);
                return grown;
            });
        }

        @Override
        public List<AuditEvent> trailOf(String subject) {
            dynamoDb(2);
            return trails.getOrDefault(subject, List.of());
        }

        @Override
        public void complete(AuditEvent event, String outcome) {
            throw new UnsupportedOperationException("the sweep's events are final");
        }
    }

    final class Progress implements SweepProgress {
        private final AtomicReference<Map<String, Object>> item = new AtomicReference<>(Map.of());

        void startFrom(LocalDate day) {
            item.set(Map.of("oldestNotSwept", day, "finished", true));
        }

        @Override
        public Optional<LocalDate> oldestNotSwept() {
            dynamoDb(1);
            return Optional.ofNullable((LocalDate) item.get().get("oldestNotSwept"));
        }

        @Override
        public Position position(Instant now) {
            dynamoDb(1);
            return new Position(Optional.ofNullable((LocalDate) item.get().get("oldestNotSwept")), !(Boolean) item.get().getOrDefault("finished", true));
        }

        @Override
        public boolean claim(String runId, Instant now, Instant until) {
            dynamoDb(1);
            return true;
        }

        @Override
        public void release(String runId, LocalDate oldestNotSwept, boolean finished) {
            dynamoDb(1);
            Map<String, Object> next = new HashMap<>();
            next.put("oldestNotSwept", oldestNotSwept);
            next.put("finished", finished);
            item.set(next);
        }

        @Override
        public void abandon(String runId) {
            dynamoDb(1);
        }
    }

    /** No holds, but the queries the sweep makes for them, a council at a time. */
    final class NoHolds implements Holds {

        @Override
        public List<Hold> reviewOverdue(String council, LocalDate day) {
            dynamoDb(1);
            return List.of();
        }

        @Override
        public List<Hold> unfinished(String council) {
            dynamoDb(1);
            return List.of();
        }

        @Override
        public ActivePage active(String council, int limit, Optional<String> pageToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(Hold placing) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Hold> find(String recordingId, String holdId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Hold> on(String recordingId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean change(Hold read, Hold next) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean claim(String recordingId, String claimant, Instant now, Instant until) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void endClaim(String recordingId, String claimant) {
            throw new UnsupportedOperationException();
        }
    }
}
