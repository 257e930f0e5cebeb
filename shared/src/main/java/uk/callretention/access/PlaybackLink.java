package uk.callretention.access;

import java.net.URI;
import java.time.Instant;

/** A signed link to one version of a recording, and until when it works. */
public record PlaybackLink(String recordingId, String versionId, URI url, Instant expiresAt, String contentType) {
}
