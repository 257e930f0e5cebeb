package uk.callretention.recording;

import java.util.Map;
import java.util.Optional;

/** The recordings bucket, as the tagger needs it. */
public interface RecordingStore {

    /** The object's version (the current one when none is given), or empty when it no longer exists. */
    Optional<StoredObject> describe(String key, Optional<String> versionId);

    /** Up to {@code count} bytes from the start of that version. */
    byte[] firstBytes(String key, String versionId, int count);

    Map<String, String> tags(String key, String versionId);

    /** Replaces that version's whole tag set. */
    void replaceTags(String key, String versionId, Map<String, String> tags);
}
