package uk.callretention.recording;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A recording as the catalogue knows it. Council, team, channel and the recording's dates are null only for a
 * quarantined upload whose key did not parse; the caller's number appears only as its keyed hash.
 *
 * @param ordering orders versions of one key: S3's sequencer where the event carries one, else the version's
 *                 upload time; a later version's entry replaces an earlier one's, never the other way round
 */
public record CatalogueEntry(
        String recordingId,
        String objectKey,
        String versionId,
        String ordering,
        RecordingState state,
        String council,
        String team,
        String channel,
        Instant recordedAt,
        LocalDate recordedOn,
        String retentionClass,
        LocalDate expiresOn,
        String policyRef,
        String callerHash,
        String agent,
        String direction,
        String contentType,
        long sizeBytes,
        String quarantineReason,
        String quarantineDetail,
        Instant cataloguedAt) {
}
