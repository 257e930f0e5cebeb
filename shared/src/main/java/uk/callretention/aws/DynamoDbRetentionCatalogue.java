package uk.callretention.aws;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.ExpiryShard;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.RetentionCatalogue;
import uk.callretention.retention.Tombstone;

/**
 * The catalogue's retention side in DynamoDB: reads through the expiry and team indexes, and single-item updates,
 * each conditional on the state (and for the sweep the version) the caller read.
 */
public final class DynamoDbRetentionCatalogue implements RetentionCatalogue {

    /** What a tombstone drops: all that could lead to the call or the caller, and the index keys. */
    static final List<String> DROPPED_FROM_TOMBSTONE = List.of("objectKey", "ordering", "recordedAt", "callerHash", "agent", "direction",
            "contentType", "sizeBytes", "durationMillis", "quarantineReason", "quarantineDetail", "cataloguedAt", "expiryShard", "councilTeam",
            "recordedAtId", "councilCallId", "trainingCopyOf");

    private static final String ACTIVE_OR_QUARANTINED = "#state IN (:active, :quarantined)";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<CatalogueItem> table;
    private final DynamoDbIndex<CatalogueItem> byExpiry;
    private final DynamoDbIndex<CatalogueItem> byTeamDate;
    private final DynamoDbIndex<CatalogueItem> byTrainingCopyOf;

    public DynamoDbRetentionCatalogue(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, CatalogueItem.SCHEMA);
        this.byExpiry = table.index(CatalogueItem.BY_EXPIRY);
        this.byTrainingCopyOf = table.index(CatalogueItem.BY_TRAINING_COPY_OF);
        this.byTeamDate = table.index(CatalogueItem.BY_TEAM_DATE);
    }

    @Override
    public Iterable<CatalogueEntry> indexedUnder(String expiryShard) {
        return query(byExpiry, expiryShard);
    }

    @Override
    public Iterable<CatalogueEntry> ofTeam(String council, String team) {
        return query(byTeamDate, council + "#" + team);
    }

    @Override
    public Optional<CatalogueEntry> find(String recordingId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(recordingId).build()).consistentRead(true)))
                .map(CatalogueItem::toEntry);
    }

    @Override
    public boolean tombstone(CatalogueEntry entry, Tombstone tombstone) {
        StringBuilder remove = new StringBuilder();
        for (int i = 0; i < DROPPED_FROM_TOMBSTONE.size(); i++) {
            remove.append(i == 0 ? " REMOVE " : ", ").append("#dropped").append(i);
        }
        Update update = new Update("SET #state = :deleted, deletedOn = :deletedOn, deletionReason = :reason" + remove,
                ACTIVE_OR_QUARANTINED + " AND #ordering = :ordering")
                .value(":deleted", RecordingState.DELETED.name())
                .value(":deletedOn", tombstone.deletedOn().toString())
                .value(":reason", tombstone.reason().id())
                .value(":ordering", entry.ordering())
                .activeOrQuarantined();
        for (int i = 0; i < DROPPED_FROM_TOMBSTONE.size(); i++) {
            update.name("#dropped" + i, DROPPED_FROM_TOMBSTONE.get(i));
        }
        return run(entry.recordingId(), update);
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

    private static Iterable<CatalogueEntry> query(DynamoDbIndex<CatalogueItem> index, String partition) {
        return () -> index.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build())).stream()
                .flatMap(page -> page.items().stream())
                .map(CatalogueItem::toEntry)
                .iterator();
    }

    private boolean run(String recordingId, Update update) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("recordingId", AttributeValue.fromS(recordingId)))
                    .updateExpression(update.expression)
                    .conditionExpression(update.condition)
                    .expressionAttributeNames(update.names)
                    .expressionAttributeValues(update.values));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
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

    @Override
    public List<String> trainingCopiesOf(String recordingId) {
        return CatalogueItem.trainingCopiesOf(byTrainingCopyOf, recordingId);
    }
}
