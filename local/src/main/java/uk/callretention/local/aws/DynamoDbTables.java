package uk.callretention.local.aws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import uk.callretention.local.template.UnsupportedTemplateException;
import uk.callretention.local.template.Properties;

/** AWS::DynamoDB::Table on the local server. */
final class DynamoDbTables {
    static final String TYPE = "AWS::DynamoDB::Table";
    private static final Set<String> HANDLED = Set.of("TableName", "KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes", "BillingMode",
            "TimeToLiveSpecification");
    // Deletion protection is left off locally so that tests and the local runtime can delete what they made.
    private static final Set<String> IGNORED = Set.of("DeletionProtectionEnabled", "PointInTimeRecoverySpecification", "SSESpecification", "Tags",
            "ContributorInsightsSpecification", "TableClass");
    private static final int MAX_NAME_LENGTH = 255;

    private DynamoDbTables() {
    }

    static Created create(DynamoDbClient dynamoDb, Properties properties, String stackName) {
        properties.allow(HANDLED, IGNORED, DynamoDbTables.class);
        String billing = properties.string("BillingMode").orElse("PROVISIONED (the default)");
        if (!billing.equals(BillingMode.PAY_PER_REQUEST.toString())) {
            throw new UnsupportedTemplateException(properties.logicalId() + " (" + TYPE + ") has BillingMode " + billing + "; the local runtime creates"
                    + " on-demand tables only, as the template's are: use PAY_PER_REQUEST or add support in " + DynamoDbTables.class.getName());
        }
        String name = properties.string("TableName").orElseGet(() -> PhysicalNames.generate(stackName, properties.logicalId(), MAX_NAME_LENGTH));
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .keySchema(keySchema(properties))
                .attributeDefinitions(properties.objects("AttributeDefinitions").stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.requiredString("AttributeName")).attributeType(a.requiredString("AttributeType")).build())
                        .toList())
                .billingMode(BillingMode.PAY_PER_REQUEST);
        // DynamoDB refuses an empty index list, so a list is sent only when the template has indexes.
        List<GlobalSecondaryIndex> globalIndexes = properties.objects("GlobalSecondaryIndexes").stream().map(DynamoDbTables::globalIndex).toList();
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        TableDescription table = dynamoDb.createTable(request.build()).tableDescription();
        try {
            properties.object("TimeToLiveSpecification").filter(ttl -> ttl.flag("Enabled").orElse(false)).ifPresent(ttl -> dynamoDb.updateTimeToLive(b -> b.tableName(name)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName(ttl.requiredString("AttributeName")))));
        } catch (RuntimeException e) {
            // Not yet in the stack, so the provisioner's clean-up would not find it.
            delete(dynamoDb, name);
            throw e;
        }
        return new Created(properties.logicalId(), TYPE, name, Map.of("Arn", table.tableArn()));
    }

    static void delete(DynamoDbClient dynamoDb, String name) {
        dynamoDb.deleteTable(b -> b.tableName(name));
    }

    private static GlobalSecondaryIndex globalIndex(Properties index) {
        index.allow(Set.of("IndexName", "KeySchema", "Projection"), Set.of(), DynamoDbTables.class);
        return GlobalSecondaryIndex.builder().indexName(index.requiredString("IndexName")).keySchema(keySchema(index)).projection(projection(index)).build();
    }

    private static List<KeySchemaElement> keySchema(Properties owner) {
        return owner.objects("KeySchema").stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.requiredString("AttributeName")).keyType(k.requiredString("KeyType")).build())
                .toList();
    }

    private static Projection projection(Properties index) {
        Properties projection = index.object("Projection").orElseThrow(() -> new IllegalArgumentException(index.logicalId() + ": every index needs a Projection"));
        List<String> nonKey = projection.strings("NonKeyAttributes");
        return Projection.builder().projectionType(projection.requiredString("ProjectionType")).nonKeyAttributes(nonKey.isEmpty() ? null : nonKey).build();
    }
}
