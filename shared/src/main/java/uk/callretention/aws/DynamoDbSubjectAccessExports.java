package uk.callretention.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import uk.callretention.access.SubjectAccessExport;
import uk.callretention.access.SubjectAccessExportRecords;

/**
 * Exports' states in their own small table, keyed by export id. Until it expires an export carries {@value #LIVE} in
 * the sparse {@value #BY_EXPIRY} index, by the epoch second it expires at, so the sweep finds those due with one query;
 * expiring removes it. DynamoDB's TTL removes the item {@link #KEPT_AFTER_EXPIRY} after expiry, when the DPO no longer
 * needs to see that it went.
 */
public final class DynamoDbSubjectAccessExports implements SubjectAccessExportRecords {

    public static final String BY_EXPIRY = "byExpiry";
    static final String LIVE = "live";
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSubjectAccessExports(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void add(SubjectAccessExport building) {
        dynamoDb.putItem(b -> b.tableName(tableName).item(item(building)).conditionExpression("attribute_not_exists(exportId)"));
    }

    @Override
    public Optional<SubjectAccessExport> find(String exportId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(Map.of("exportId", AttributeValue.fromS(exportId)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(export(item));
    }

    @Override
    public boolean change(SubjectAccessExport read, SubjectAccessExport next) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item(next)).conditionExpression("#state = :read")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":read", AttributeValue.fromS(read.state().id()))));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    @Override
    public List<SubjectAccessExport> dueToExpire(Instant now) {
        return dynamoDb.queryPaginator(b -> b.tableName(tableName).indexName(BY_EXPIRY)
                        .keyConditionExpression("live = :live AND expiresAtEpoch <= :now")
                        .expressionAttributeValues(Map.of(":live", AttributeValue.fromS(LIVE), ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))))
                .items().stream().map(DynamoDbSubjectAccessExports::export).toList();
    }

    private static Map<String, AttributeValue> item(SubjectAccessExport export) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("exportId", AttributeValue.fromS(export.exportId()));
        item.put("council", AttributeValue.fromS(export.council()));
        item.put("fromDate", AttributeValue.fromS(export.from().toString()));
        item.put("toDate", AttributeValue.fromS(export.to().toString()));
        item.put("reference", AttributeValue.fromS(export.reference()));
        item.put("recordingIds", AttributeValue.fromL(export.recordingIds().stream().map(AttributeValue::fromS).toList()));
        item.put("state", AttributeValue.fromS(export.state().id()));
        if (export.failure() != null) {
            item.put("failure", AttributeValue.fromS(export.failure()));
        }
        item.put("askedAt", AttributeValue.fromS(export.askedAt().toString()));
        item.put("expiresAt", AttributeValue.fromS(export.expiresAt().toString()));
        item.put("expiresAtEpoch", AttributeValue.fromN(Long.toString(export.expiresAt().getEpochSecond())));
        if (export.state() != SubjectAccessExport.State.EXPIRED) {
            item.put("live", AttributeValue.fromS(LIVE));
        }
        item.put("deleteAfter", AttributeValue.fromN(Long.toString(export.expiresAt().plus(KEPT_AFTER_EXPIRY).getEpochSecond())));
        return item;
    }

    private static SubjectAccessExport export(Map<String, AttributeValue> item) {
        return new SubjectAccessExport(
                item.get("exportId").s(),
                item.get("council").s(),
                LocalDate.parse(item.get("fromDate").s()),
                LocalDate.parse(item.get("toDate").s()),
                item.get("reference").s(),
                item.get("recordingIds").l().stream().map(AttributeValue::s).toList(),
                SubjectAccessExport.State.valueOf(item.get("state").s().toUpperCase()),
                item.containsKey("failure") ? item.get("failure").s() : null,
                Instant.parse(item.get("askedAt").s()),
                Instant.parse(item.get("expiresAt").s()));
    }
}
