package uk.callretention.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.recording.CatalogueEntryBuilder.forKey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.callretention.access.ErasedRecordings.Tombstoning;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.CatalogueEntryBuilder;
import uk.callretention.recording.RecordingState;
import uk.callretention.retention.DeletionReason;
import uk.callretention.retention.Tombstone;
import uk.callretention.testsupport.LocalAws;
import uk.callretention.testsupport.LocalAwsExtension;

/**
 * The catalogue repository against moto with the template's table. Here, not in shared, because test-support (which
 * starts moto) depends on shared through the local runtime: shared's tests cannot use it without a reactor cycle.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbCatalogueIntegrationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private static DynamoDbClient dynamoDb;
    private static String table;
    private static DynamoDbCatalogue catalogue;

    @BeforeAll
    static void catalogue(LocalAws aws) {
        dynamoDb = aws.clients().dynamoDb();
        table = aws.stack().tableName("CatalogueTable");
        catalogue = new DynamoDbCatalogue(dynamoDb, table);
    }

    @Test
    void tombstone_bySweepOrErasure_leavesTheSameItemWithoutPersonalDataAndWithItsOwnReason() {
        CatalogueEntry swept = recorded(RecordingState.ACTIVE);
        CatalogueEntry erased = recorded(RecordingState.ACTIVE);

        assertThat(catalogue.tombstone(swept, new Tombstone(swept.recordingId(), TODAY, DeletionReason.RETENTION_EXPIRED))).isTrue();
        assertThat(catalogue.tombstone(erased, TODAY)).isEqualTo(Tombstoning.TOMBSTONED);

        Map<String, AttributeValue> sweptItem = item(swept);
        Map<String, AttributeValue> erasedItem = item(erased);
        assertThat(sweptItem.keySet()).isEqualTo(erasedItem.keySet()).doesNotContain("objectKey", "ordering", "recordedAt", "callerHash",
                "agent", "direction", "sizeBytes", "cataloguedAt", "expiryShard", "councilTeam", "recordedAtId", "councilCallId");
        assertThat(sweptItem).containsEntry("state", AttributeValue.fromS("DELETED")).containsEntry("deletedOn", AttributeValue.fromS("2026-06-01"))
                .containsEntry("deletionReason", AttributeValue.fromS("retention-expired"));
        assertThat(erasedItem).containsEntry("state", AttributeValue.fromS("DELETED"))
                .containsEntry("deletionReason", AttributeValue.fromS(DynamoDbCatalogue.ERASED_ON_REQUEST));
        assertThat(catalogue.find(swept.recordingId()).orElseThrow().council()).isEqualTo("rutland");
    }

    @Test
    void tombstone_byErasure_whenAlreadyTombstoned_saysTombstoned() {
        CatalogueEntry entry = recorded(RecordingState.ACTIVE);
        catalogue.tombstone(entry, new Tombstone(entry.recordingId(), TODAY, DeletionReason.RETENTION_EXPIRED));

        assertThat(catalogue.tombstone(entry, TODAY)).isEqualTo(Tombstoning.TOMBSTONED);
    }

    @Test
    void tombstone_byErasure_whenHeldMeanwhile_saysChangedAndLeavesTheEntry() {
        CatalogueEntry entry = recorded(RecordingState.ACTIVE);
        assertThat(catalogue.markHeld(entry)).isTrue();

        assertThat(catalogue.tombstone(entry, TODAY)).isEqualTo(Tombstoning.CHANGED);
        assertThat(catalogue.find(entry.recordingId()).orElseThrow().state()).isEqualTo(RecordingState.HELD);
    }

    @Test
    void tombstone_byErasure_whenANewerVersionWasCatalogued_saysNewerRecording() {
        CatalogueEntry erased = recorded(RecordingState.ACTIVE);
        catalogue.recordUnlessNewer(CatalogueEntryBuilder.from(erased).versionId("v2").ordering("t2").build());

        assertThat(catalogue.tombstone(erased, TODAY)).isEqualTo(Tombstoning.NEWER_RECORDING);
        assertThat(catalogue.find(erased.recordingId()).orElseThrow().versionId()).isEqualTo("v2");
    }

    @Test
    void tombstone_byErasure_whenNotCatalogued_saysChanged() {
        assertThat(catalogue.tombstone(entry(RecordingState.ACTIVE), TODAY)).isEqualTo(Tombstoning.CHANGED);
    }

    @Test
    void tombstone_bySweep_whenHeldMeanwhile_isRefused() {
        CatalogueEntry entry = recorded(RecordingState.ACTIVE);
        catalogue.markHeld(entry);

        assertThat(catalogue.tombstone(entry, new Tombstone(entry.recordingId(), TODAY, DeletionReason.RETENTION_EXPIRED))).isFalse();
    }

    @Test
    void recordNew_whenRetried_leavesTheFirstEntryAndListsItAsACopy() {
        CatalogueEntry source = recorded(RecordingState.ACTIVE);
        CatalogueEntry copy = CatalogueEntryBuilder.from(entry(RecordingState.ACTIVE)).trainingCopyOf(source.recordingId()).build();

        catalogue.recordNew(copy);
        catalogue.recordNew(CatalogueEntryBuilder.from(copy).versionId("v-retried").build());

        assertThat(catalogue.find(copy.recordingId())).contains(copy);
        assertThat(catalogue.trainingCopiesOf(source.recordingId())).containsExactly(copy.recordingId());
    }

    private static CatalogueEntry recorded(RecordingState state) {
        CatalogueEntry entry = entry(state);
        assertThat(catalogue.recordUnlessNewer(entry).kept()).isEmpty();
        return entry;
    }

    private static CatalogueEntry entry(RecordingState state) {
        String key = "rutland/customer-services/phone/2026/05/01/call-" + UUID.randomUUID() + ".wav";
        return forKey(key).versionId("v1").ordering("t1").state(state).council("rutland").team("customer-services").channel("phone")
                .recordedAt(Instant.parse("2026-05-01T10:00:00Z")).recordedOn(LocalDate.of(2026, 5, 1)).retentionClass("P3M")
                .expiresOn(LocalDate.of(2026, 8, 1)).policyRef("rutland@1").callerHash("a".repeat(64)).agent("agent-1").direction("inbound")
                .contentType("audio/wav").sizeBytes(12).cataloguedAt(Instant.parse("2026-05-01T10:05:00Z")).build();
    }

    private static Map<String, AttributeValue> item(CatalogueEntry entry) {
        return dynamoDb.getItem(get -> get.tableName(table).key(Map.of("recordingId", AttributeValue.fromS(entry.recordingId())))
                .consistentRead(true)).item();
    }
}
