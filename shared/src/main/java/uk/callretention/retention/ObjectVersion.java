package uk.callretention.retention;

/** One version of a recording's object, or a delete marker: each is a key DeleteObjects must name to leave nothing behind. */
public record ObjectVersion(String key, String versionId, boolean deleteMarker) {
}
