package uk.callretention.retention;

import java.time.LocalDate;

/**
 * What stays of a deleted recording: that it existed, whose it was, when it was recorded and deleted, under which
 * policy and why. The catalogue keeps its id, council, team, channel, recorded date, retention class, expiry date and
 * policy version beside these, and drops everything else: the object key (it names the platform's call id), the
 * caller's hash, the agent, the direction, the exact start time and the size.
 */
public record Tombstone(String recordingId, LocalDate deletedOn, DeletionReason reason) {
}
