package uk.callretention.bench.naive.playback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import uk.callretention.access.AccessCatalogue;
import uk.callretention.bench.naive.CatalogueBean;
import uk.callretention.recording.CatalogueEntry;

/** The baseline's catalogue reads: one consistent GetItem through a {@link TableSchema#fromBean} table, as the project's. */
class BeanAccessCatalogue implements AccessCatalogue {

    private final DynamoDbTable<CatalogueBean> table;

    BeanAccessCatalogue(String tableName) {
        this.table = DynamoDbEnhancedClient.create().table(tableName, TableSchema.fromBean(CatalogueBean.class));
    }

    @Override
    public Optional<CatalogueEntry> find(String recordingId) {
        return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(recordingId).build()).consistentRead(true).build())).map(CatalogueBean::toEntry);
    }

    // Playback reads one recording; listings and searches are other routes, which the baseline does not answer.

    @Override
    public TeamPage teamRecordings(String council, String team, Instant from, Instant until, int limit, Optional<String> pageToken) {
        throw new UnsupportedOperationException("the baseline answers playback only");
    }

    @Override
    public List<String> trainingCopiesOf(String recordingId) {
        throw new UnsupportedOperationException("the baseline answers playback only");
    }

    @Override
    public TeamPage quarantinedRecordings(String council, Instant from, Instant until, int limit, Optional<String> pageToken) {
        throw new UnsupportedOperationException("the baseline answers playback only");
    }

    @Override
    public List<CatalogueEntry> callerRecordings(String callerHash, Instant from, Instant until, int max) {
        throw new UnsupportedOperationException("the baseline answers playback only");
    }

    @Override
    public List<CatalogueEntry> callRecordings(String council, String callId, Instant from, Instant until, int max) {
        throw new UnsupportedOperationException("the baseline answers playback only");
    }
}
