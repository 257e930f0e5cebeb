package uk.callretention.expiry;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import uk.callretention.retention.ObjectVersion;
import uk.callretention.retention.RetentionStore;

/**
 * The real bucket, with a step run before each legal hold or tag change: what another process does at that moment
 * (the sweep deleting a version), or a crash (the step throws). Tests that count or hide calls extend it.
 */
class BucketWithHooks implements RetentionStore {

    private final RetentionStore bucket;
    private BiConsumer<String, Boolean> beforeLegalHold = (version, on) -> { };
    private BiConsumer<String, Map<String, String>> beforeTagging = (version, tags) -> { };

    BucketWithHooks(RetentionStore bucket) {
        this.bucket = bucket;
    }

    /** @param step given the version and whether the hold goes on */
    BucketWithHooks beforeLegalHold(BiConsumer<String, Boolean> step) {
        beforeLegalHold = step;
        return this;
    }

    /** @param step given the version and its new tags */
    BucketWithHooks beforeTagging(BiConsumer<String, Map<String, String>> step) {
        beforeTagging = step;
        return this;
    }

    @Override
    public List<ObjectVersion> versionsOf(String key) {
        return bucket.versionsOf(key);
    }

    @Override
    public Map<String, String> tags(String key, String versionId) {
        return bucket.tags(key, versionId);
    }

    @Override
    public void replaceTags(String key, String versionId, Map<String, String> tags) {
        beforeTagging.accept(versionId, tags);
        bucket.replaceTags(key, versionId, tags);
    }

    @Override
    public boolean isUnderLegalHold(String key, String versionId) {
        return bucket.isUnderLegalHold(key, versionId);
    }

    @Override
    public boolean setLegalHold(String key, String versionId, boolean on) {
        beforeLegalHold.accept(versionId, on);
        return bucket.setLegalHold(key, versionId, on);
    }

    @Override
    public List<ObjectVersion> delete(List<ObjectVersion> versions) {
        return bucket.delete(versions);
    }
}
