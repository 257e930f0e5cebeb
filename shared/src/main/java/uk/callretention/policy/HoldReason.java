package uk.callretention.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a recording may be kept beyond its retention period: the only grounds the councils'
 * notices give for longer retention. A hold carries one; a council allows a subset.
 */
public enum HoldReason {
    COMPLAINT_OR_DISPUTE("complaint-or-dispute"),
    LEGAL_CLAIM("legal-claim"),
    POLICE("police"),
    SAFEGUARDING("safeguarding"),
    STAFF_SAFETY("staff-safety"),
    SUBJECT_ACCESS("subject-access");

    private final String id;

    HoldReason(String id) {
        this.id = id;
    }

    /** The name used in policy files, requests, tags and audit events. */
    public String id() {
        return id;
    }

    public static Optional<HoldReason> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
