package uk.callretention.retention;

import java.time.LocalDate;
import java.util.Map;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingTags;

/** Rewrites a recording's classification tags when a hold or a policy change alters them, keeping the uploader's others. */
final class RetentionTags {

    private RetentionTags() {
    }

    /** Tags one version of the recording, any version, with the catalogue's classification of it, held or not. */
    static void write(RetentionStore store, CatalogueEntry entry, String versionId, boolean held) {
        write(store, entry, versionId, entry.retentionClass(), entry.expiresOn(), entry.policyRef(), held);
    }

    static void write(RetentionStore store, CatalogueEntry entry, String retentionClass, LocalDate expiresOn, String policyRef, boolean held) {
        write(store, entry, entry.versionId(), retentionClass, expiresOn, policyRef, held);
    }

    private static void write(RetentionStore store, CatalogueEntry entry, String versionId, String retentionClass, LocalDate expiresOn,
                              String policyRef, boolean held) {
        Map<String, String> ours = RecordingTags.of(entry);
        ours.put(RecordingTags.RETENTION, held ? Hold.RETENTION_TAG : retentionClass);
        ours.put(RecordingTags.EXPIRES, expiresOn.toString());
        if (policyRef != null) {
            ours.put(RecordingTags.POLICY, policyRef);
        }
        store.replaceTags(entry.objectKey(), versionId, RecordingTags.merge(store.tags(entry.objectKey(), versionId), ours));
    }
}
