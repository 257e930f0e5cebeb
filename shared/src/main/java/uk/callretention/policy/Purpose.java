package uk.callretention.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why someone may play a recording back: the vocabulary councils' policy files choose from.
 * A playback request names one, and only the purposes the council's notice gives are allowed.
 */
public enum Purpose {
    COMPLAINT("complaint"),
    DISPUTE("dispute"),
    QUALITY_ASSURANCE("quality-assurance"),
    TRAINING("training"),
    LEGAL_CLAIM("legal-claim"),
    POLICE_REQUEST("police-request"),
    SAFEGUARDING("safeguarding"),
    STAFF_SAFETY("staff-safety"),
    SUBJECT_ACCESS("subject-access"),
    FRAUD_PREVENTION("fraud-prevention");

    private final String id;

    Purpose(String id) {
        this.id = id;
    }

    /** The name used in policy files, requests and audit events. */
    public String id() {
        return id;
    }

    public static Optional<Purpose> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
