package uk.callretention.bench.naive.tagging;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import uk.callretention.bench.naive.CatalogueBean;
import uk.callretention.recording.Catalogue;
import uk.callretention.recording.CatalogueEntry;

/**
 * The baseline's catalogue: the same conditional writes as the project's, through a {@link TableSchema#fromBean}
 * table, the reflective schema most samples use.
 */
class BeanCatalogue implements Catalogue {

    // The project's conditions, word for word: the baseline must make the same requests.
    private static final String ONLY_IF_NEWER = "attribute_not_exists(recordingId) OR (#state = :deleted AND versionId <> :versionId)"
            + " OR (#ordering < :ordering AND #state IN (:active, :quarantined))";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final TableSchema<CatalogueBean> schema = TableSchema.fromBean(CatalogueBean.class);
    private final DynamoDbTable<CatalogueBean> table;

    BeanCatalogue(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.table = DynamoDbEnhancedClient.create().table(tableName, schema);
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
                        ":active", AttributeValue.fromS("ACTIVE"),
                        ":quarantined", AttributeValue.fromS("QUARANTINED"),
                        ":deleted", AttributeValue.fromS("DELETED")))
                .build();
        try {
            CatalogueBean replaced = table.putItemWithResponse(PutItemEnhancedRequest.builder(CatalogueBean.class)
                    .item(CatalogueBean.from(entry))
                    .conditionExpression(condition)
                    .returnValues(ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return new Recording(Optional.empty(), Optional.ofNullable(replaced).map(CatalogueBean::getVersionId));
        } catch (ConditionalCheckFailedException refused) {
            return new Recording(Optional.of(schema.mapToItem(refused.item()).toEntry()), Optional.empty());
        }
    }

    @Override
    public Repointing repoint(String recordingId, String fromVersionId, String toVersionId, boolean held) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":from", AttributeValue.fromS(fromVersionId),
                ":to", AttributeValue.fromS(toVersionId)));
        if (held) {
            values.put(":held", AttributeValue.fromS("HELD"));
        } else {
            values.put(":active", AttributeValue.fromS("ACTIVE"));
            values.put(":quarantined", AttributeValue.fromS("QUARANTINED"));
        }
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(Map.of("recordingId", AttributeValue.fromS(recordingId)))
                    .updateExpression("SET #versionId = :to")
                    .conditionExpression(held ? "#versionId = :from AND #state = :held" : "#versionId = :from AND #state IN (:active, :quarantined)")
                    .expressionAttributeNames(Map.of("#versionId", "versionId", "#state", "state"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Repointing(Repointing.Result.REPOINTED, schema.mapToItem(updated).toEntry());
        } catch (ConditionalCheckFailedException refused) {
            if (!refused.hasItem() || refused.item().isEmpty()) {
                return new Repointing(Repointing.Result.NOT_CATALOGUED, null);
            }
            CatalogueEntry kept = schema.mapToItem(refused.item()).toEntry();
            return new Repointing(toVersionId.equals(kept.versionId()) ? Repointing.Result.ALREADY_REPOINTED : Repointing.Result.REFUSED, kept);
        }
    }
}
