package uk.callretention.recording;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The S3 tags that carry a recording's classification to the bucket's lifecycle rules and to anyone reading the
 * object: council, team, channel, retention class, expiry date, policy version (and the quarantine reason, or the
 * recording a training copy was made from).
 */
public final class RecordingTags {

    public static final String COUNCIL = "council";
    public static final String TEAM = "team";
    public static final String CHANNEL = "channel";
    public static final String RETENTION = "retention";
    public static final String EXPIRES = "expires";
    public static final String POLICY = "policy";
    public static final String QUARANTINE = "quarantine";
    /** On a training copy, the id of the recording it was made from: the tagger leaves an object carrying it alone. */
    public static final String TRAINING_COPY_OF = "training-copy-of";

    /** The retention tag value that the quarantine lifecycle rule matches. */
    public static final String QUARANTINE_CLASS = "quarantine";

    static final int MAX_TAGS = 10;
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 256;

    private RecordingTags() {
    }

    public static Map<String, String> of(CatalogueEntry entry) {
        Map<String, String> tags = new LinkedHashMap<>();
        putIfPresent(tags, COUNCIL, entry.council());
        putIfPresent(tags, TEAM, entry.team());
        putIfPresent(tags, CHANNEL, entry.channel());
        tags.put(RETENTION, entry.retentionClass());
        tags.put(EXPIRES, entry.expiresOn().toString());
        putIfPresent(tags, POLICY, entry.policyRef());
        putIfPresent(tags, QUARANTINE, entry.quarantineReason());
        putIfPresent(tags, TRAINING_COPY_OF, entry.trainingCopyOf());
        return tags;
    }

    /**
     * Ours replace same-named tags; the uploader's other tags are kept, in key order, while they fit in S3's limit
     * of ten, and cut to S3's lengths.
     */
    public static Map<String, String> merge(Map<String, String> existing, Map<String, String> ours) {
        Map<String, String> merged = new LinkedHashMap<>(ours);
        for (Map.Entry<String, String> tag : new TreeMap<>(existing).entrySet()) {
            if (merged.size() == MAX_TAGS) {
                break;
            }
            merged.putIfAbsent(cut(tag.getKey(), MAX_KEY), cut(tag.getValue(), MAX_VALUE));
        }
        return merged;
    }

    private static void putIfPresent(Map<String, String> tags, String key, String value) {
        if (value != null) {
            tags.put(key, value);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
