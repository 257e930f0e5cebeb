package uk.callretention.retention;

import java.time.LocalDate;

/** What placing or releasing a hold did. */
public sealed interface HoldOutcome {

    record Placed(Hold hold) implements HoldOutcome {
    }

    /**
     * @param stillHeld true when another hold keeps the recording
     * @param dueOn     when the recording is now due for deletion (today when its expiry date has passed); null while still held
     */
    record Released(Hold hold, boolean stillHeld, LocalDate dueOn) implements HoldOutcome {
    }

    record Refused(Refusal refusal) implements HoldOutcome {
    }

    /** Known refusals, as error codes an API can answer with. */
    enum Refusal {
        NO_SUCH_RECORDING("no-such-recording"),
        RECORDING_DELETED("recording-deleted"),
        REASON_NOT_ALLOWED("reason-not-allowed"),
        REFERENCE_REQUIRED("reference-required"),
        PLACED_BY_REQUIRED("placed-by-required"),
        RELEASED_BY_REQUIRED("released-by-required"),
        REVIEW_DATE_NOT_AFTER_TODAY("review-date-not-after-today"),
        /** Further ahead than the council's maximum review interval allows. */
        REVIEW_DATE_TOO_FAR("review-date-too-far"),
        NO_SUCH_HOLD("no-such-hold"),
        ALREADY_RELEASED("already-released"),
        CHANGE_IN_PROGRESS("hold-change-in-progress");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
