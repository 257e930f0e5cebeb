package uk.callretention.recording;

import java.time.Instant;
import java.util.Map;

/** What S3 says about one version of an uploaded object; metadata keys without the {@code x-amz-meta-} prefix. */
public record StoredObject(String versionId, long size, Instant lastModified, String contentType,
                           Map<String, String> metadata, int tagCount) {
}
