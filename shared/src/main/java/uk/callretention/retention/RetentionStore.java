package uk.callretention.retention;

import java.util.List;
import java.util.Map;

/** The recordings bucket, as the sweep and holds need it: never the audio itself. */
public interface RetentionStore {

    /**
     * Every version and delete marker of exactly this key (not of keys it is a prefix of): the versions newest first,
     * as S3 lists them, then the delete markers. An erasure relies on the order to tell earlier versions from newer.
     */
    List<ObjectVersion> versionsOf(String key);

    Map<String, String> tags(String key, String versionId);

    /** Replaces that version's whole tag set. */
    void replaceTags(String key, String versionId, Map<String, String> tags);

    boolean isUnderLegalHold(String key, String versionId);

    /** @return {@code false} when the version no longer exists: it was deleted meanwhile */
    boolean setLegalHold(String key, String versionId, boolean on);

    /**
     * Deletes up to {@value DeletionBatch#MAX_KEYS_PER_CALL} versions in one call.
     *
     * @return the versions S3 refused; a refusal that names only the key counts for every version of that key
     */
    List<ObjectVersion> delete(List<ObjectVersion> versions);
}
