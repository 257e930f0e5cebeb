package uk.callretention.retention;

import java.time.LocalDate;

/**
 * A request to keep a recording past its expiry date.
 *
 * @param reason   a hold reason id from the recording's council's policy, e.g. {@code complaint-or-dispute}
 * @param reference the case it is held for: complaint, claim or crime number
 * @param placedBy the user's subject from their token
 * @param reviewOn when someone must look again whether it is still needed; after today
 */
public record HoldRequest(String recordingId, String reason, String reference, String placedBy, LocalDate reviewOn) {
}
