package uk.callretention.access;

/** Where a member of staff stands towards one recording, from their groups and its council's policy. */
public enum Standing {
    /** The data protection officer of the recording's council. */
    DPO,
    /** A manager of the recording's council and team. */
    MANAGER,
    /** Staff of the recording's team in a council whose notice lets them ask for access in writing. */
    TEAM_STAFF,
    /**
     * Staff of the recording's team in a council whose notice gives playback to managers and the DPO alone: in the
     * recording's council and team, so told their role does not allow it rather than that it does not exist.
     */
    TEAM_STAFF_NO_PLAYBACK,
    /** Nobody to this recording: it must look as if it did not exist. */
    NONE
}
