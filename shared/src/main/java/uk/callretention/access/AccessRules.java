package uk.callretention.access;

import java.util.Arrays;
import java.util.Optional;
import uk.callretention.recording.RecordingState;

/**
 * Who may do what to a recording, as pure decisions from facts (ddd-by-examples' {@code PlacingOnHoldPolicy} style):
 * empty when allowed, else the refusal. The order of the checks is part of the rules: scope first, so a recording
 * outside it answers exactly like a missing one whatever else is wrong; then whether it still exists; then the
 * request; then its state.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /**
     * Playing a recording back: the team's manager or the council's DPO, or team staff with an approved access
     * request, for a purpose on the council's list. A quarantined recording is for the DPO alone; a held one plays.
     */
    public static Optional<Refusal> playback(Standing standing, RecordingState state, boolean purposeAllowed, boolean approvedRequest) {
        if (standing == Standing.NONE) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        if (state == RecordingState.DELETED) {
            return Optional.of(Refusal.RECORDING_DELETED);
        }
        if (!purposeAllowed) {
            return Optional.of(Refusal.PURPOSE_NOT_ALLOWED);
        }
        if (state == RecordingState.QUARANTINED && standing != Standing.DPO) {
            return Optional.of(Refusal.RECORDING_QUARANTINED);
        }
        if (standing == Standing.TEAM_STAFF && !approvedRequest) {
            return Optional.of(Refusal.ACCESS_REQUEST_REQUIRED);
        }
        return Optional.empty();
    }

    /** An action reserved to some standings: nobody else in scope is told no; anybody out of scope is told not found. */
    public static Optional<Refusal> only(Standing standing, Standing... allowed) {
        if (standing == Standing.NONE) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        return Arrays.asList(allowed).contains(standing) ? Optional.empty() : Optional.of(Refusal.NOT_PERMITTED);
    }

    /** {@link #only} for an action on a recording that must still exist. */
    public static Optional<Refusal> onExisting(Standing standing, RecordingState state, Standing... allowed) {
        return only(standing, allowed).or(() -> state == RecordingState.DELETED ? Optional.of(Refusal.RECORDING_DELETED) : Optional.empty());
    }
}
