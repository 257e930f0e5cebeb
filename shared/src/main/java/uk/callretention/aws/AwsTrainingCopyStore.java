package uk.callretention.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.utils.http.SdkHttpUtils;
import uk.callretention.access.TrainingCopyStore;
import uk.callretention.recording.CatalogueEntry;

/**
 * Training copies in the recordings bucket and the catalogue: the source read by its exact version, the copy put with its
 * tags in the same request (the bucket's default encryption is the stack's KMS key), and its entry put only where no
 * item has its id.
 */
public final class AwsTrainingCopyStore implements TrainingCopyStore {

    private static final Expression NEW_ID_ONLY = Expression.builder().expression("attribute_not_exists(recordingId)").build();

    private final S3Client s3;
    private final String bucket;
    private final DynamoDbTable<CatalogueItem> catalogue;

    public AwsTrainingCopyStore(S3Client s3, String bucket, DynamoDbClient dynamoDb, String catalogueTable) {
        this.s3 = s3;
        this.bucket = bucket;
        this.catalogue = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(catalogueTable, CatalogueItem.SCHEMA);
    }

    @Override
    public Optional<byte[]> read(String key, String versionId, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId))) {
            if (object.response().contentLength() > maxBytes) {
                object.abort();
                return Optional.empty();
            }
            return Optional.of(object.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String write(String key, byte[] content, String contentType, Map<String, String> tags) {
        String tagging = tags.entrySet().stream()
                .map(tag -> SdkHttpUtils.urlEncode(tag.getKey()) + "=" + SdkHttpUtils.urlEncode(tag.getValue()))
                .collect(Collectors.joining("&"));
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).tagging(tagging), RequestBody.fromBytes(content))
                .versionId();
    }

    @Override
    public void catalogue(CatalogueEntry copy) {
        try {
            catalogue.putItem(put -> put.item(CatalogueItem.from(copy)).conditionExpression(NEW_ID_ONLY));
        } catch (ConditionalCheckFailedException alreadyThere) {
            // A copy id is fresh for every copy: only a retried call of this same write finds its entry there.
        }
    }
}
