package uk.callretention.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import uk.callretention.access.AccessCatalogue;
import uk.callretention.access.ErasedRecordings;
import uk.callretention.recording.Catalogue;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.CataloguePages;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.RetentionCatalogue;
import uk.callretention.retention.Tombstone;

/**
 * The catalogue table, the one class that reads and writes it: one item per recording, each write conditional on what
 * the writer read instead of read-then-write. The tagger records uploads ({@link Catalogue}), expiry, holds and policy
 * re-application change single items ({@link RetentionCatalogue}), the access API reads through the indexes
 * ({@link AccessCatalogue}) and erasures tombstone ({@link ErasedRecordings}).
 *
 * <p>Index sort keys are {@code <ISO instant>#<id>}. A bound is an instant written to the second without its
 * {@code Z}: it sorts before every key of that second, whatever fraction of a second the key carries.
 */
public final class DynamoDbCatalogue implements Catalogue, CataloguePages, RetentionCatalogue, AccessCatalogue, ErasedRecordings {

    /** What a tombstone drops: all that could lead to the call or the caller, and the index keys. */
    private static final List<String> DROPPED_FROM_TOMBSTONE = List.of("objectKey", "ordering", "recordedAt", "callerHash", "agent",
            "direction", "contentType", "sizeBytes", "durationMillis", "quarantineReason", "quarantineDetail", "cataloguedAt", "expiryShard",
            "councilTeam", "recordedAtId", "councilCallId", "trainingCopyOf");

    /** An erased recording's deletion reason in its tombstone. */
    static final String ERASED_ON_REQUEST = "erased-on-request";

    // A newer version or a hold already recorded wins over whatever this event carries. A tombstone gives way to another
    // version: an upload under a deleted recording's key is governed anew. Never to the deleted version itself, which
    // the tagger may have found a moment before the sweep or an erasure deleted it.
    private static final String ONLY_IF_NEWER = "attribute_not_exists(recordingId) OR (#state = :deleted AND versionId <> :versionId)"
            + " OR (#ordering < :ordering AND #state IN (:active, :quarantined))";

    private static final String STILL_AT_SOURCE = "#versionId = :from AND #state IN (:active, :quarantined)";
    private static final String STILL_AT_SOURCE_HELD = "#versionId = :from AND #state = :held";
    private static final String ACTIVE_OR_QUARANTINED = "#state IN (:active, :quarantined)";

    private static final Expression NEW_ID_ONLY = Expression.builder().expression("attribute_not_exists(recordingId)").build();

    private static final int SECONDS = "2026-01-01T00:00:00".length();
    private static final int PAGE_OF_ENTRIES = 250;
    private static final Instant LAST_BOUND = Instant.parse("9999-12-31T23:59:59Z");

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<CatalogueItem> table;
    private final DynamoDbIndex<CatalogueItem> byExpiry;
    private final DynamoDbIndex<CatalogueItem> byTeamDate;
    private final DynamoDbIndex<CatalogueItem> byCaller;
    private final DynamoDbIndex<CatalogueItem> byCallId;
    private final DynamoDbIndex<CatalogueItem> byTrainingCopyOf;

    public DynamoDbCatalogue(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, CatalogueItem.SCHEMA);
        this.byExpiry = table.index(CatalogueItem.BY_EXPIRY);
        this.byTeamDate = table.index(CatalogueItem.BY_TEAM_DATE);
        this.byCaller = table.index(CatalogueItem.BY_CALLER);
        this.byCallId = table.index(CatalogueItem.BY_CALL_ID);
        this.byTrainingCopyOf = table.index(CatalogueItem.BY_TRAINING_COPY_OF);
    }

    // --- Recording uploads

    @Override
    public Recording recordUnlessNewer(CatalogueEntry entry) {
        Expression condition = Expression.builder()
                .expression(ONLY_IF_NEWER)
                .putExpressionName("#ordering", "ordering")
                .putExpressionName("#state", "state")
                .expressionValues(Map.of(
                        ":ordering", AttributeValue.fromS(entry.ordering()),
                        ":versionId", AttributeValue.fromS(entry.versionId()),
                        ":active", AttributeValue.fromS(RecordingState.ACTIVE.name()),
                        ":quarantined", AttributeValue.fromS(RecordingState.QUARANTINED.name()),
                        ":deleted", AttributeValue.fromS(RecordingState.DELETED.name())))
                .build();
        try {
            CatalogueItem replaced = table.putItemWithResponse(PutItemEnhancedRequest.builder(CatalogueItem.class)
                    .item(CatalogueItem.from(entry))
                    .conditionExpression(condition)
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return new Recording(Optional.empty(), Optional.ofNullable(replaced).map(item -> item.toEntry().versionId()));
        } catch (ConditionalCheckFailedException refused) {
            return new Recording(Optional.of(CatalogueItem.SCHEMA.mapToItem(refused.item()).toEntry()), Optional.empty());
        }
    }

    /** Catalogues an entry under a new id (a training copy's); an entry already there, which only a retry finds, is left as it was. */
    public void recordNew(CatalogueEntry entry) {
        try {
            table.putItem(put -> put.item(CatalogueItem.from(entry)).conditionExpression(NEW_ID_ONLY));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // Only a retried call of this same write finds its entry there.
        }
    }

    @Override
    public Repointing repoint(String recordingId, String fromVersionId, String toVersionId, boolean held) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":from", AttributeValue.fromS(fromVersionId),
                ":to", AttributeValue.fromS(toVersionId)));
        if (held) {
            values.put(":held", AttributeValue.fromS(RecordingState.HELD.name()));
        } else {
            values.put(":active", AttributeValue.fromS(RecordingState.ACTIVE.name()));
            values.put(":quarantined", AttributeValue.fromS(RecordingState.QUARANTINED.name()));
        }
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("recordingId", AttributeValue.fromS(recordingId)))
                    .updateExpression("SET #versionId = :to")
                    .conditionExpression(held ? STILL_AT_SOURCE_HELD : STILL_AT_SOURCE)
                    .expressionAttributeNames(Map.of("#versionId", "versionId", "#state", "state"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Repointing(Repointing.Result.REPOINTED, CatalogueItem.SCHEMA.mapToItem(updated).toEntry());
        } catch (ConditionalCheckFailedException refused) {
            if (!refused.hasItem() || refused.item().isEmpty()) {
                return new Repointing(Repointing.Result.NOT_CATALOGUED, null);
            }
            CatalogueEntry kept = CatalogueItem.SCHEMA.mapToItem(refused.item()).toEntry();
            return new Repointing(toVersionId.equals(kept.versionId()) ? Repointing.Result.ALREADY_REPOINTED : Repointing.Result.REFUSED, kept);
        }
    }

    /** A Scan page: the cursor is the last recording id read, the table's whole key. */
    @Override
    public Page page(Optional<String> after, int size) {
        ScanResponse scanned = dynamoDb.scan(b -> b.tableName(tableName).limit(size).consistentRead(true)
                .exclusiveStartKey(after.map(id -> Map.of("recordingId", AttributeValue.fromS(id))).orElse(null)));
        List<CatalogueEntry> entries = scanned.items().stream().map(item -> CatalogueItem.SCHEMA.mapToItem(item).toEntry()).toList();
        Optional<String> next = scanned.hasLastEvaluatedKey() && !scanned.lastEvaluatedKey().isEmpty()
                ? Optional.of(scanned.lastEvaluatedKey().get("recordingId").s()) : Optional.empty();
        return new Page(entries, next);
    }

    // --- Reading one recording, and its training copies

    @Override
    public Optional<CatalogueEntry> find(String recordingId) {
        // Consistent: a recording deleted or held a moment ago must answer as such.
        return Optional.ofNullable(table.getItem(get -> get.key(Key.builder().partitionValue(recordingId).build()).consistentRead(true)))
                .map(CatalogueItem::toEntry);
    }

    /**
     * Through the sparse keys-only index that copies' entries alone are in; a copy's tombstone drops the link, so only
     * copies that still exist are found.
     */
    @Override
    public List<String> trainingCopiesOf(String recordingId) {
        return byTrainingCopyOf.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(recordingId).build())).stream()
                .flatMap(page -> page.items().stream()).map(item -> item.recordingId).toList();
    }

    // --- Retention: expiry, holds, re-application

    @Override
    public Iterable<CatalogueEntry> indexedUnder(String expiryShard) {
        return all(byExpiry, expiryShard);
    }

    @Override
    public Iterable<CatalogueEntry> ofTeam(String council, String team) {
        return all(byTeamDate, CatalogueItem.teamOf(council, team));
    }

    @Override
    public boolean tombstone(CatalogueEntry entry, Tombstone tombstone) {
        return tombstoned(entry, tombstone.deletedOn(), tombstone.reason().id()).isEmpty();
    }

    /**
     * The same tombstone the sweep leaves, with {@value #ERASED_ON_REQUEST} as its reason. When the entry is no longer
     * the erased version, active or quarantined, the item as it stands says why: another version (a new upload), or the
     * same one tombstoned or held meanwhile.
     */
    @Override
    public Tombstoning tombstone(CatalogueEntry entry, LocalDate erasedOn) {
        return tombstoned(entry, erasedOn, ERASED_ON_REQUEST).map(asItStands -> {
            if (!asItStands.containsKey("versionId")) {
                return Tombstoning.CHANGED;
            }
            if (!entry.versionId().equals(asItStands.get("versionId").s())) {
                return Tombstoning.NEWER_RECORDING;
            }
            return RecordingState.DELETED.name().equals(asItStands.get("state").s()) ? Tombstoning.TOMBSTONED : Tombstoning.CHANGED;
        }).orElse(Tombstoning.TOMBSTONED);
    }

    /** Turns the entry read into its tombstone, out of every index and without personal data; or the item as it stands instead. */
    private Optional<Map<String, AttributeValue>> tombstoned(CatalogueEntry entry, LocalDate deletedOn, String reason) {
        StringBuilder remove = new StringBuilder();
        for (int i = 0; i < DROPPED_FROM_TOMBSTONE.size(); i++) {
            remove.append(i == 0 ? " REMOVE " : ", ").append("#dropped").append(i);
        }
        Update update = new Update("SET #state = :deleted, deletedOn = :deletedOn, deletionReason = :reason" + remove,
                ACTIVE_OR_QUARANTINED + " AND #ordering = :ordering")
                .value(":deleted", RecordingState.DELETED.name())
                .value(":deletedOn", deletedOn.toString())
                .value(":reason", reason)
                .value(":ordering", entry.ordering())
                .activeOrQuarantined();
        for (int i = 0; i < DROPPED_FROM_TOMBSTONE.size(); i++) {
            update.name("#dropped" + i, DROPPED_FROM_TOMBSTONE.get(i));
        }
        return refusedBy(entry.recordingId(), update);
    }

    @Override
    public boolean fileUnder(CatalogueEntry entry, LocalDate day) {
        return run(entry.recordingId(), new Update("SET expiryShard = :shard", ACTIVE_OR_QUARANTINED + " AND #ordering = :ordering")
                .value(":shard", ExpiryShard.of(day, entry.recordingId()))
                .value(":ordering", entry.ordering())
                .activeOrQuarantined());
    }

    @Override
    public boolean markHeld(CatalogueEntry entry) {
        return run(entry.recordingId(), new Update("SET #state = :held REMOVE expiryShard", ACTIVE_OR_QUARANTINED + " OR #state = :held")
                .value(":held", RecordingState.HELD.name())
                .activeOrQuarantined());
    }

    @Override
    public boolean markReleased(CatalogueEntry entry, LocalDate day) {
        RecordingState restored = entry.quarantineReason() == null ? RecordingState.ACTIVE : RecordingState.QUARANTINED;
        return run(entry.recordingId(), new Update("SET #state = :restored, expiryShard = :shard", "#state = :held")
                .value(":restored", restored.name())
                .value(":held", RecordingState.HELD.name())
                .value(":shard", ExpiryShard.of(day, entry.recordingId())));
    }

    @Override
    public boolean reclassify(CatalogueEntry entry, String retentionClass, LocalDate expiresOn, String policyRef, LocalDate day) {
        boolean indexed = entry.state() == RecordingState.ACTIVE || entry.state() == RecordingState.QUARANTINED;
        Update update = new Update("SET retentionClass = :class, expiresOn = :expiresOn, policyRef = :policy"
                + (indexed ? ", expiryShard = :shard" : ""), "#state = :seen AND #ordering = :ordering")
                .value(":class", retentionClass)
                .value(":expiresOn", expiresOn.toString())
                .value(":policy", policyRef)
                .value(":seen", entry.state().name())
                .value(":ordering", entry.ordering());
        if (indexed) {
            update.value(":shard", ExpiryShard.of(day, entry.recordingId()));
        }
        return run(entry.recordingId(), update);
    }

    /** One conditional write, whether or not the entry is filed already: the entry read does not say. */
    @Override
    public void indexCallId(CatalogueEntry entry) {
        entry.callId().ifPresent(callId -> run(entry.recordingId(), new Update("SET councilCallId = :call",
                "attribute_not_exists(councilCallId) AND #state IN (:active, :quarantined, :held)")
                .value(":call", CatalogueItem.callOf(entry.council(), callId))
                .value(":held", RecordingState.HELD.name())
                .activeOrQuarantined()));
    }

    // --- Access: listings and searches

    @Override
    public TeamPage teamRecordings(String council, String team, Instant from, Instant until, int limit, Optional<String> pageToken) {
        return teamPage(CatalogueItem.teamOf(council, team), from, until, limit, pageToken);
    }

    @Override
    public TeamPage quarantinedRecordings(String council, Instant from, Instant until, int limit, Optional<String> pageToken) {
        return teamPage(CatalogueItem.quarantineOf(council), from, until, limit, pageToken);
    }

    private TeamPage teamPage(String partition, Instant from, Instant until, int limit, Optional<String> pageToken) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(between(partition, from, until))
                .scanIndexForward(false)
                .limit(limit);
        pageToken.ifPresent(token -> query.exclusiveStartKey(PageToken.decode(token, partition)));
        // The SDK's page, not the inherited CataloguePages.Page.
        software.amazon.awssdk.enhanced.dynamodb.model.Page<CatalogueItem> page = byTeamDate.query(query.build()).iterator().next();
        return new TeamPage(page.items().stream().map(CatalogueItem::toEntry).toList(),
                Optional.ofNullable(page.lastEvaluatedKey()).filter(key -> !key.isEmpty()).map(PageToken::encode));
    }

    @Override
    public List<CatalogueEntry> callerRecordings(String callerHash, Instant from, Instant until, int max) {
        return fetched(byCaller, QueryEnhancedRequest.builder().queryConditional(between(callerHash, from, until)).build(), max);
    }

    @Override
    public List<CatalogueEntry> callRecordings(String council, String callId, Instant from, Instant until, int max) {
        return fetched(byCallId, QueryEnhancedRequest.builder().queryConditional(between(CatalogueItem.callOf(council, callId), from, until))
                .scanIndexForward(false).build(), max);
    }

    /**
     * Every entry in one partition of an index that projects them whole, {@value #PAGE_OF_ENTRIES} a page: a team of
     * millions is read by the sweep and by re-application, and a page of DynamoDB's whole 1 MB could outlast one
     * attempt's timeout on a slow moment.
     */
    private static Iterable<CatalogueEntry> all(DynamoDbIndex<CatalogueItem> index, String partition) {
        QueryEnhancedRequest everyEntry = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build())).limit(PAGE_OF_ENTRIES).build();
        return () -> index.query(everyEntry).stream()
                .flatMap(page -> page.items().stream())
                .map(CatalogueItem::toEntry)
                .iterator();
    }

    /** The items a keys-only index query names, each read by id (consistently), at most {@code max}. */
    private List<CatalogueEntry> fetched(DynamoDbIndex<CatalogueItem> index, QueryEnhancedRequest query, int max) {
        List<CatalogueEntry> found = new ArrayList<>();
        for (software.amazon.awssdk.enhanced.dynamodb.model.Page<CatalogueItem> page : index.query(query)) {
            for (CatalogueItem key : page.items()) {
                if (found.size() == max) {
                    return found;
                }
                find(key.recordingId).ifPresent(found::add);
            }
        }
        return found;
    }

    /**
     * An end after year 9999 (the day after 31 December 9999) has no four-digit text to bound the keys with, so the
     * range is left open above: every key is of an earlier instant.
     */
    private static QueryConditional between(String partition, Instant from, Instant until) {
        Key lower = bound(partition, from);
        return until.isBefore(LAST_BOUND) ? QueryConditional.sortBetween(lower, bound(partition, until)) : QueryConditional.sortGreaterThanOrEqualTo(lower);
    }

    private static Key bound(String partition, Instant instant) {
        return Key.builder().partitionValue(partition).sortValue(SortableInstant.of(instant).substring(0, SECONDS)).build();
    }

    // --- Conditional single-item updates

    private boolean run(String recordingId, Update update) {
        return refusedBy(recordingId, update).isEmpty();
    }

    /** Empty when the update was made; otherwise the item as it stands (no attributes when there is none). */
    private Optional<Map<String, AttributeValue>> refusedBy(String recordingId, Update update) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("recordingId", AttributeValue.fromS(recordingId)))
                    .updateExpression(update.expression)
                    .conditionExpression(update.condition)
                    .expressionAttributeNames(update.names)
                    .expressionAttributeValues(update.values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return Optional.of(changedMeanwhile.hasItem() ? changedMeanwhile.item() : Map.of());
        }
    }

    /** One conditional update's expressions; {@code #state} and {@code #ordering} always stand for their attributes. */
    private static final class Update {
        private final String expression;
        private final String condition;
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        Update(String expression, String condition) {
            this.expression = expression;
            this.condition = condition;
            names.put("#state", "state");
            if (condition.contains("#ordering")) {
                names.put("#ordering", "ordering");
            }
        }

        Update value(String name, String value) {
            values.put(name, AttributeValue.fromS(value));
            return this;
        }

        Update name(String placeholder, String attribute) {
            names.put(placeholder, attribute);
            return this;
        }

        Update activeOrQuarantined() {
            return value(":active", RecordingState.ACTIVE.name()).value(":quarantined", RecordingState.QUARANTINED.name());
        }
    }

    /**
     * The index key a page stopped at, as an opaque token: base64url of its JSON. A token is accepted only for the
     * partition it was made for, so no token reaches another council's or team's recordings.
     */
    private static final class PageToken {
        private static final List<String> KEYS = List.of("recordingId", "councilTeam", "recordedAtId");

        static String encode(Map<String, AttributeValue> key) {
            Map<String, String> values = new LinkedHashMap<>();
            KEYS.forEach(name -> values.put(name, key.get(name).s()));
            try {
                return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.std.asBytes(values));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Map<String, AttributeValue> decode(String token, String partition) {
            Map<String, Object> values;
            try {
                values = JSON.std.mapFrom(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                throw new InvalidPageTokenException();
            }
            if (values == null || !values.keySet().equals(Set.copyOf(KEYS)) || !partition.equals(values.get("councilTeam"))
                    || !values.values().stream().allMatch(String.class::isInstance)) {
                throw new InvalidPageTokenException();
            }
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            values.forEach((name, value) -> key.put(name, AttributeValue.fromS((String) value)));
            return key;
        }
    }
}
