package uk.callretention.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** moto's DynamoDB, with the template's catalogue table, refuses conditional writes and serves the indexes. */
class CatalogueTableIntegrationTest {
    @RegisterExtension
    static final LocalAwsExtension LOCAL_AWS = new LocalAwsExtension();

    @Test
    void putItem_whenItemExistsAndConditionSaysItMustNot_isRefused(LocalAws aws) {
        DynamoDbClient dynamoDb = aws.clients().dynamoDb();
        String table = aws.stack().tableName("CatalogueTable");
        Map<String, AttributeValue> item = Map.of("recordingId", s("rec-1"), "state", s("catalogued"));
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(recordingId)"));

        assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(table).item(Map.of("recordingId", s("rec-1"), "state", s("overwritten")))
                .conditionExpression("attribute_not_exists(recordingId)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamoDb.getItem(b -> b.tableName(table).key(Map.of("recordingId", s("rec-1")))).item()).containsEntry("state", s("catalogued"));
    }

    @Test
    void query_whenItemsShareAnExpiryShard_returnsOnlyThoseFromTheIndex(LocalAws aws) {
        DynamoDbClient dynamoDb = aws.clients().dynamoDb();
        String table = aws.stack().tableName("CatalogueTable");
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("recordingId", s("due-1"), "expiryShard", s("2025-01-31#0"))));
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("recordingId", s("due-2"), "expiryShard", s("2025-01-31#0"))));
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("recordingId", s("later"), "expiryShard", s("2025-02-01#0"))));
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("recordingId", s("held"))));

        var due = dynamoDb.query(b -> b.tableName(table).indexName("byExpiry").keyConditionExpression("expiryShard = :shard")
                .expressionAttributeValues(Map.of(":shard", s("2025-01-31#0")))).items();

        assertThat(due).extracting(item -> item.get("recordingId").s()).containsExactly("due-1", "due-2");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
