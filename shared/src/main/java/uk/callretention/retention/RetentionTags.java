package uk.callretention.retention;

import java.time.LocalDate;
import java.util.Map;
import uk.callretention.recording.CatalogueEntry;
import uk.callretention.recording.RecordingTags;

/** Rewrites a recording's classification tags when a hold or a policy change alters them, keeping the uploader's others. */
final class RetentionTags {

    private RetentionTags() {
    }

    static void write(RetentionStore store, CatalogueEntry entry, boolean held) {
        write(store, entry, entry.retentionClass(), entry.expiresOn(), entry.policyRef(), held);
    }

    static void write(RetentionStore store, CatalogueEntry entry, String retentionClass, LocalDate expiresOn, String policyRef, boolean held) {
        Map<String, String> ours = RecordingTags.of(entry);
        ours.put(RecordingTags.RETENTION, held ? Hold.RETENTION_TAG : retentionClass);
        ours.put(RecordingTags.EXPIRES, expiresOn.toString());
        if (policyRef != null) {
            ours.put(RecordingTags.POLICY, policyRef);
        }
        store.replaceTags(entry.objectKey(), entry.versionId(), RecordingTags.merge(store.tags(entry.objectKey(), entry.versionId()), ours));
    }
}
