package uk.callretention.retention;

import java.time.Instant;
import java.util.List;

/** The recordings bucket as reconciliation reads it: one key prefix at a time, never the whole bucket. */
public interface BucketListing {

    /** Every object version under the prefix (delete markers left out), a page of the listing at a time. */
    List<ListedVersion> versionsUnder(String prefix);

    /** @param latest whether it is the key's current version (false for every version behind a delete marker) */
    record ListedVersion(String key, String versionId, boolean latest, Instant lastModified) {
    }
}
