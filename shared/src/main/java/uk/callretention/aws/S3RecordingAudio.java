package uk.callretention.aws;

import java.io.InputStream;
import software.amazon.awssdk.services.s3.S3Client;
import uk.callretention.access.RecordingAudio;
import uk.callretention.recording.CatalogueEntry;

/** Reads the exact version the catalogue names, streamed, never the key's current one (a later upload may differ). */
public final class S3RecordingAudio implements RecordingAudio {

    private final S3Client s3;
    private final String bucket;

    public S3RecordingAudio(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public InputStream open(CatalogueEntry entry) {
        return s3.getObject(b -> b.bucket(bucket).key(entry.objectKey()).versionId(entry.versionId()));
    }
}
