package uk.callretention.recording;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A recording as the catalogue knows it. Council, team, channel and the recording's dates are null only for a
 * quarantined upload whose key did not parse; the caller's number appears only as its keyed hash.
 *
 * @param ordering orders versions of one key: S3's sequencer where the event carries one, else the version's
 *                 upload time; a later version's entry replaces an earlier one's, never the other way round
 * @param duration how long a WAV recording plays, from its header; null for other kinds, or a header that did not say
 * @param trainingCopyOf the id of the recording this one is a training copy of, with personal details cut out; null
 *                       for a recording uploaded by a call platform
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
        Duration duration,
        String quarantineReason,
        String quarantineDetail,
        Instant cataloguedAt,
        String trainingCopyOf) {

    /**
     * The call platform's own id for the call, from the object key, which the entry holds anyway: so it never disagrees
     * with the key, and a tombstone, which drops the key, drops it too. Empty when the key does not follow the contract.
     */
    public Optional<String> callId() {
        return Optional.ofNullable(objectKey).flatMap(RecordingKey::parse).map(RecordingKey::callId);
    }
}
