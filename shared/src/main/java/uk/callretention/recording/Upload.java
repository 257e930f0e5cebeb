package uk.callretention.recording;

import java.util.Optional;

/**
 * One object-created notification: which object, which version (absent where the notifier does not say, then the
 * current version is meant) and S3's sequencer, which orders events for one key.
 */
public record Upload(String bucket, String key, Optional<String> versionId, Optional<String> sequencer) {
}
