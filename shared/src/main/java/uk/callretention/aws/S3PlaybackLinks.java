package uk.callretention.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import uk.callretention.access.PlaybackLinks;
import uk.callretention.access.RecordingMedia;
import uk.callretention.recording.CatalogueEntry;

/**
 * Presigned GETs of one exact version, signed with the function's own credentials (so its role needs
 * {@code s3:GetObject} on the bucket) and carrying the response type and disposition S3 is to answer with.
 */
public final class S3PlaybackLinks implements PlaybackLinks {

    private final S3Presigner presigner;
    private final String bucket;

    public S3PlaybackLinks(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public URI sign(CatalogueEntry entry, RecordingMedia media, Duration lifetime) {
        return URI.create(presigner.presignGetObject(presign -> presign
                        .signatureDuration(lifetime)
                        .getObjectRequest(get -> get.bucket(bucket).key(entry.objectKey()).versionId(entry.versionId())
                                .responseContentType(media.contentType())
                                .responseContentDisposition(media.contentDisposition())))
                .url().toString());
    }
}
