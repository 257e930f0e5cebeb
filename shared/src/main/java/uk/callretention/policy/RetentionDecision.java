package uk.callretention.policy;

import java.time.LocalDate;
import uk.callretention.recording.Channel;
import uk.callretention.recording.QuarantineReason;

/** What happens to a new recording: kept until a date under its council's policy, or quarantined because it cannot be classified. */
public sealed interface RetentionDecision {

    /**
     * @param recordedOn     the UK date of recording, the first day of retention
     * @param retentionClass the period in force, e.g. {@code P3M}; see {@link RetentionClass}
     * @param expiresOn      the day the recording is due for deletion; it is kept on every day before
     * @param policyRef      the council policy and version applied, e.g. {@code south-hams@1}
     */
    record Retain(
            String councilId,
            String teamId,
            Channel channel,
            LocalDate recordedOn,
            String retentionClass,
            LocalDate expiresOn,
            String policyRef) implements RetentionDecision {
    }

    /** @param detail why, naming ids and dates only: it is stored and logged, so it carries no personal data */
    record Quarantine(QuarantineReason reason, String detail) implements RetentionDecision {
    }
}
