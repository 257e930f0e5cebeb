package uk.callretention.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;

/** The bucket as expiry and holds use it: versions, tags, legal holds and batch deletes; it never reads audio. */
public final class S3RetentionStore implements RetentionStore {

    private final S3Client s3;
    private final String bucket;
    private final S3RecordingStore tagging;

    public S3RetentionStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
        this.tagging = new S3RecordingStore(s3, bucket);
    }

    @Override
    public List<ObjectVersion> versionsOf(String key) {
        List<ObjectVersion> versions = new ArrayList<>();
        // The key as prefix finds its versions in one page or a few; keys that merely start with it are left out.
        s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key)).forEach(page -> {
            page.versions().stream().filter(v -> v.key().equals(key))
                    .forEach(v -> versions.add(new ObjectVersion(key, v.versionId(), false)));
            page.deleteMarkers().stream().filter(m -> m.key().equals(key))
                    .forEach(m -> versions.add(new ObjectVersion(key, m.versionId(), true)));
        });
        return versions;
    }

    @Override
    public Map<String, String> tags(String key, String versionId) {
        return tagging.tags(key, versionId);
    }

    @Override
    public void replaceTags(String key, String versionId, Map<String, String> tags) {
        tagging.replaceTags(key, versionId, tags);
    }

    @Override
    public boolean isUnderLegalHold(String key, String versionId) {
        try {
            return s3.getObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId)).legalHold().status() == ObjectLockLegalHoldStatus.ON;
        } catch (S3Exception e) {
            // A version that never had a legal hold has no legal-hold configuration: S3 answers 404 rather than OFF.
            if (e.statusCode() == 404 && e.awsErrorDetails() != null && "NoSuchObjectLockConfiguration".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean setLegalHold(String key, String versionId, boolean on) {
        try {
            s3.putObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId)
                    .legalHold(h -> h.status(on ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF)));
            return true;
        } catch (S3Exception e) {
            // S3 answers 404 for a version deleted meanwhile; moto answers 500. Either way, what counts is whether it is there.
            if (e.statusCode() == 404 || versionsOf(key).stream().noneMatch(v -> v.versionId().equals(versionId))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<ObjectVersion> delete(List<ObjectVersion> versions) {
        if (versions.isEmpty()) {
            return List.of();
        }
        List<ObjectIdentifier> objects = versions.stream()
                .map(v -> ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()).toList();
        return s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(objects).quiet(true))).errors().stream()
                .map(error -> new ObjectVersion(error.key(), error.versionId(), false))
                .toList();
    }
}
