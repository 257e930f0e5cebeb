package uk.callretention.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
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

    private final S3Client s3;
    private final String bucket;
    private final DynamoDbCatalogue catalogue;

    public AwsTrainingCopyStore(S3Client s3, String bucket, DynamoDbCatalogue catalogue) {
        this.s3 = s3;
        this.bucket = bucket;
        this.catalogue = catalogue;
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
        catalogue.recordNew(copy);
    }
}
