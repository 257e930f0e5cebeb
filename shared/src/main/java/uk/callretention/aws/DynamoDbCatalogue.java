package uk.callretention.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import uk.callretention.recording.Catalogue;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.CataloguePages;
import uk.callretention.recording.RecordingState;

/** The catalogue in DynamoDB: one item per recording, written with a condition instead of read-then-write. */
public final class DynamoDbCatalogue implements Catalogue, CataloguePages {

    // A newer version or a hold already recorded wins over whatever this event carries. A tombstone gives way to another
    // version: an upload under a deleted recording's key is governed anew. Never to the deleted version itself, which
    // the tagger may have found a moment before the sweep or an erasure deleted it.
    private static final String ONLY_IF_NEWER = "attribute_not_exists(recordingId) OR (#state = :deleted AND versionId <> :versionId)"
            + " OR (#ordering < :ordering AND #state IN (:active, :quarantined))";

    private static final String STILL_AT_SOURCE = "#versionId = :from AND #state IN (:active, :quarantined)";
    private static final String STILL_AT_SOURCE_HELD = "#versionId = :from AND #state = :held";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<CatalogueItem> table;

    public DynamoDbCatalogue(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, CatalogueItem.SCHEMA);
    }

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
}
