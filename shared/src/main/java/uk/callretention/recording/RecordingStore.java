package uk.callretention.recording;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The recordings bucket, as the tagger needs it. */
public interface RecordingStore {

    /** The largest object S3 copies in one call (CopyObject): 5 GiB. */
    long LARGEST_COPY = 5L * 1024 * 1024 * 1024;

    /** The object's version (the current one when none is given), or empty when it no longer exists. */
    Optional<StoredObject> describe(String key, Optional<String> versionId);

    /** Up to {@code count} bytes from the start of that version. */
    byte[] firstBytes(String key, String versionId, int count);

    Map<String, String> tags(String key, String versionId);

    /** The ids of the key's versions newer than that one (delete markers aside), newest first. */
    List<String> versionsAbove(String key, String versionId);

    /** Replaces that version's whole tag set. */
    void replaceTags(String key, String versionId, Map<String, String> tags);

    /**
     * Copies that version onto its own key, as the newest version, with the same bytes, content type and tags and
     * exactly this user metadata; at most {@link #LARGEST_COPY} bytes.
     *
     * @param legalHold whether the copy is made under an Object Lock legal hold, as a held recording's versions are
     * @return the copy's version id
     */
    String copyWithMetadata(String key, StoredObject source, Map<String, String> metadata, boolean legalHold);

    /** Deletes that one version for good; a version already gone is no error. */
    void deleteVersion(String key, String versionId);

    /** Puts an Object Lock legal hold on that version: nobody can delete it until it is lifted. */
    void placeLegalHold(String key, String versionId);

    /** Takes the Object Lock legal hold off that version, so that it can be deleted. */
    void liftLegalHold(String key, String versionId);
}
