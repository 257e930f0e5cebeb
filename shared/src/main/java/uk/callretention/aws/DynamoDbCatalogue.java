package uk.callretention.aws;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import uk.callretention.recording.Catalogue;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/** The catalogue in DynamoDB: one item per recording, written with a condition instead of read-then-write. */
public final class DynamoDbCatalogue implements Catalogue {

    // A newer version or a hold already recorded wins over whatever this event carries. A tombstone gives way to another
    // version: an upload under a deleted recording's key is governed anew. Never to the deleted version itself, which
    // the tagger may have found a moment before the sweep or an erasure deleted it.
    private static final String ONLY_IF_NEWER = "attribute_not_exists(recordingId) OR (#state = :deleted AND versionId <> :versionId)"
            + " OR (#ordering < :ordering AND #state IN (:active, :quarantined))";

    private final DynamoDbTable<CatalogueItem> table;

    public DynamoDbCatalogue(DynamoDbClient dynamoDb, String tableName) {
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(tableName, CatalogueItem.SCHEMA);
    }

    @Override
    public Optional<CatalogueEntry> recordUnlessNewer(CatalogueEntry entry) {
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
            table.putItem(PutItemEnhancedRequest.builder(CatalogueItem.class)
                    .item(CatalogueItem.from(entry))
                    .conditionExpression(condition)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Optional.empty();
        } catch (ConditionalCheckFailedException refused) {
            return Optional.of(CatalogueItem.SCHEMA.mapToItem(refused.item()).toEntry());
        }
    }
}
