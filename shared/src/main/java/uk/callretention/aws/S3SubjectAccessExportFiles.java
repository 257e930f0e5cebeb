package uk.callretention.aws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import uk.callretention.access.SubjectAccessExport;
import uk.callretention.access.SubjectAccessExportFiles;
import uk.callretention.access.SubjectAccessExports;

/**
 * Export zips in the exports bucket, one object each under {@code exports/<council>/<exportId>.zip}, encrypted with the
 * stack's key by the bucket's default encryption; the bucket has no versioning, so a delete leaves nothing behind. Links are presigned with the reading
 * function's own credentials and make the browser save the file.
 */
public final class S3SubjectAccessExportFiles implements SubjectAccessExportFiles {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    /** @param s3 null for a function that only signs links; {@code presigner} null for one that never does */
    public S3SubjectAccessExportFiles(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(SubjectAccessExport export, Path zip) {
        // No encryption header: one naming aws:kms without a key would pick S3's own AWS-managed key over the bucket's default,
        // the stack's key.
        s3.putObject(b -> b.bucket(bucket).key(key(export)).contentType(SubjectAccessExports.CONTENT_TYPE), RequestBody.fromFile(zip));
    }

    @Override
    public void delete(SubjectAccessExport export) {
        s3.deleteObject(b -> b.bucket(bucket).key(key(export)));
    }

    @Override
    public URI link(SubjectAccessExport export, Duration lifetime) {
        return URI.create(presigner.presignGetObject(presign -> presign.signatureDuration(lifetime)
                        .getObjectRequest(get -> get.bucket(bucket).key(key(export))
                                .responseContentType(SubjectAccessExports.CONTENT_TYPE)
                                .responseContentDisposition("attachment; filename=\"subject-access-" + export.exportId() + ".zip\"")))
                .url().toString());
    }

    private static String key(SubjectAccessExport export) {
        return "exports/" + export.council() + "/" + export.exportId() + ".zip";
    }
}
