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

    static final Refusal NO_ACCESS_REQUESTS = Refusal.NOT_PERMITTED.saying(
            "This council takes no written access requests: only the team's managers and the data protection officer play its "
                    + "recordings. Ask a manager of the team if a recording needs to be played.");

    private AccessRules() {
    }

    /**
     * Playing a recording back: the team's manager or the council's DPO, or team staff with an approved access
     * request, for a purpose on the council's list. A quarantined recording is for the DPO alone; a held one plays.
     * Team staff of a council that takes no access requests may never play back, so nothing else about the recording
     * is theirs to learn.
     */
    public static Optional<Refusal> playback(Standing standing, RecordingState state, boolean purposeAllowed, boolean approvedRequest) {
        if (standing == Standing.NONE) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        if (standing == Standing.TEAM_STAFF_NO_PLAYBACK) {
            return Optional.of(Refusal.NOT_PERMITTED);
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

    /**
     * Filing a written access request: team staff of a council that takes them, for a purpose on its list. Managers
     * and the DPO need none; staff of a council that takes none are told their role does not allow it.
     */
    public static Optional<Refusal> accessRequest(Standing standing, RecordingState state, boolean purposeAllowed) {
        if (standing == Standing.TEAM_STAFF_NO_PLAYBACK) {
            return Optional.of(NO_ACCESS_REQUESTS);
        }
        return onExisting(standing, state, Standing.TEAM_STAFF, Standing.MANAGER, Standing.DPO)
                .or(() -> purposeAllowed ? Optional.empty() : Optional.of(Refusal.PURPOSE_NOT_ALLOWED))
                .or(() -> standing == Standing.TEAM_STAFF ? Optional.empty() : Optional.of(Refusal.ACCESS_REQUEST_NOT_NEEDED));
    }

    /**
     * Making a training copy: the team's managers and the council's DPO, for the purpose training where the council's
     * notice lists it. A quarantined upload, unclassified, is copied by nobody.
     */
    public static Optional<Refusal> trainingCopy(Standing standing, RecordingState state, boolean trainingAllowed) {
        return onExisting(standing, state, Standing.MANAGER, Standing.DPO)
                .or(() -> trainingAllowed ? Optional.empty() : Optional.of(Refusal.TRAINING_NOT_ALLOWED))
                .or(() -> state == RecordingState.QUARANTINED ? Optional.of(Refusal.RECORDING_QUARANTINED) : Optional.empty());
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
