package uk.callretention.training;

import java.time.Duration;
import java.util.Objects;

/**
 * A stretch of a recording to cut out of its training copy, timed from the recording's start: what a manager or DPO
 * names when personal details are spoken there. The end is exclusive.
 */
public record CutRange(Duration start, Duration end) {

    /** @throws TrainingCopyRefused {@code BAD_RANGE} for a negative start or an end not after the start */
    public CutRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.isNegative() || end.compareTo(start) <= 0) {
            throw new TrainingCopyRefused(TrainingCopyRefused.Reason.BAD_RANGE,
                    "a cut must start at or after 0 and end after it starts: " + start + " to " + end);
        }
    }

    public static CutRange between(Duration start, Duration end) {
        return new CutRange(start, end);
    }
}
