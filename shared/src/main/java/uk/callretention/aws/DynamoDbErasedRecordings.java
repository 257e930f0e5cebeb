package uk.callretention.aws;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import uk.callretention.access.ErasedRecordings;
import uk.callretention.access.ErasedRecordings.Tombstoning;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingState;

/**
 * An erased recording's tombstone: the same item the sweep leaves ({@link DynamoDbRetentionCatalogue#DROPPED_FROM_TOMBSTONE}
 * removed), with {@value #REASON} as its deletion reason, written only if the entry is still the active or
 * quarantined version that was erased. When it is not, the item as it stands says why: another version (a new upload),
 * or the same one tombstoned or held meanwhile.
 */
public final class DynamoDbErasedRecordings implements ErasedRecordings {

    static final String REASON = "erased-on-request";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbErasedRecordings(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Tombstoning tombstone(CatalogueEntry entry, LocalDate erasedOn) {
        Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#ordering", "ordering"));
        StringBuilder remove = new StringBuilder();
        for (int i = 0; i < DynamoDbRetentionCatalogue.DROPPED_FROM_TOMBSTONE.size(); i++) {
            remove.append(i == 0 ? " REMOVE " : ", ").append("#d").append(i);
            names.put("#d" + i, DynamoDbRetentionCatalogue.DROPPED_FROM_TOMBSTONE.get(i));
        }
        try {
            dynamoDb.updateItem(update -> update.tableName(tableName)
                    .key(Map.of("recordingId", AttributeValue.fromS(entry.recordingId())))
                    .updateExpression("SET #state = :deleted, deletedOn = :deletedOn, deletionReason = :reason" + remove)
                    .conditionExpression("#state IN (:active, :quarantined) AND #ordering = :ordering")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(
                            ":deleted", AttributeValue.fromS(RecordingState.DELETED.name()),
                            ":deletedOn", AttributeValue.fromS(erasedOn.toString()),
                            ":reason", AttributeValue.fromS(REASON),
                            ":active", AttributeValue.fromS(RecordingState.ACTIVE.name()),
                            ":quarantined", AttributeValue.fromS(RecordingState.QUARANTINED.name()),
                            ":ordering", AttributeValue.fromS(entry.ordering())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Tombstoning.TOMBSTONED;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return asItStands(entry, changedMeanwhile.item());
        }
    }

    private static Tombstoning asItStands(CatalogueEntry erased, Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("versionId")) {
            return Tombstoning.CHANGED;
        }
        if (!erased.versionId().equals(item.get("versionId").s())) {
            return Tombstoning.NEWER_RECORDING;
        }
        return RecordingState.DELETED.name().equals(item.get("state").s()) ? Tombstoning.TOMBSTONED : Tombstoning.CHANGED;
    }
}
