package uk.callretention.recording;

/**
 * Where training copies are stored in the recordings bucket: {@code training/<council>/<team>/<copy id>.<wav|json>}.
 * The prefix is no council id, so nothing under it parses as an upload; the bucket policy lets only the function that
 * makes training copies write there, and each copy is written with its retention tags, so none escapes retention.
 */
public final class TrainingCopyKey {

    public static final String PREFIX = "training/";

    private TrainingCopyKey() {
    }

    public static String of(String council, String team, String copyId, String extension) {
        return PREFIX + council + "/" + team + "/" + copyId + "." + extension;
    }

    public static boolean isUnder(String key) {
        return key.startsWith(PREFIX);
    }
}
