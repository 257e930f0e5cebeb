package uk.callretention.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import uk.callretention.recording.RecordingStore;
import uk.callretention.recording.StoredObject;
import uk.callretention.retention.BucketListing;

/** The recordings bucket through S3: one call per question, each naming the exact version. */
public final class S3RecordingStore implements RecordingStore, BucketListing {

    private final S3Client s3;
    private final String bucket;

    public S3RecordingStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public Optional<StoredObject> describe(String key, Optional<String> versionId) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId.orElse(null)));
        } catch (S3Exception e) {
            // 404: no such key or version; 405: the version is a delete marker. Either way there is nothing to tag.
            if (e.statusCode() == 404 || e.statusCode() == 405) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new StoredObject(head.versionId(), head.contentLength(), head.lastModified(), head.contentType(),
                head.metadata(), head.tagCount() == null ? 0 : head.tagCount()));
    }

    @Override
    public byte[] firstBytes(String key, String versionId, int count) {
        ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)
                .range("bytes=0-" + (count - 1)));
        return bytes.asByteArray();
    }

    @Override
    public Map<String, String> tags(String key, String versionId) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    /** S3 lists one key's versions newest first; none when that version is gone. */
    @Override
    public List<String> versionsAbove(String key, String versionId) {
        List<String> above = new ArrayList<>();
        for (ObjectVersion version : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key)).versions()) {
            if (!version.key().equals(key)) {
                continue;
            }
            if (version.versionId().equals(versionId)) {
                return above;
            }
            above.add(version.versionId());
        }
        return List.of();
    }

    /** ListObjectVersions, a page of up to 1,000 at a time: one call per page. */
    @Override
    public List<ListedVersion> versionsUnder(String prefix) {
        List<ListedVersion> listed = new ArrayList<>();
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
            page.versions().forEach(v -> listed.add(new ListedVersion(v.key(), v.versionId(), Boolean.TRUE.equals(v.isLatest()), v.lastModified())));
        }
        return listed;
    }

    @Override
    public void replaceTags(String key, String versionId, Map<String, String> tags) {
        Tagging tagging = Tagging.builder()
                .tagSet(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())
                .build();
        s3.putObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId).tagging(tagging));
    }

    /**
     * CopyObject, tags copied with the version, encrypted as the bucket encrypts every upload (SSE-KMS with the
     * recordings key), which is how the platform uploads; then, for a held recording, PutObjectLegalHold.
     */
    @Override
    public String copyWithMetadata(String key, StoredObject source, Map<String, String> metadata, boolean legalHold) {
        if (source.size() > LARGEST_COPY) {
            throw new IllegalArgumentException("CopyObject copies at most " + LARGEST_COPY + " bytes");
        }
        String copy = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).sourceVersionId(source.versionId())
                .destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(source.contentType())
                .taggingDirective(TaggingDirective.COPY)).versionId();
        // Locked in a second call: moto refuses a CopyObject that sets a legal hold without a body checksum, which a
        // copy has none of. Stopped between the two, the copy is one that nobody points at yet.
        if (legalHold) {
            setLegalHold(key, copy, ObjectLockLegalHoldStatus.ON);
        }
        return copy;
    }

    @Override
    public void deleteVersion(String key, String versionId) {
        s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId));
    }

    @Override
    public void placeLegalHold(String key, String versionId) {
        setLegalHold(key, versionId, ObjectLockLegalHoldStatus.ON);
    }

    @Override
    public void liftLegalHold(String key, String versionId) {
        setLegalHold(key, versionId, ObjectLockLegalHoldStatus.OFF);
    }

    private void setLegalHold(String key, String versionId, ObjectLockLegalHoldStatus status) {
        s3.putObjectLegalHold(b -> b.bucket(bucket).key(key).versionId(versionId).legalHold(h -> h.status(status)));
    }
}
