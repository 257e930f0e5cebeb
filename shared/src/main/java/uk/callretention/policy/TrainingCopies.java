package uk.callretention.policy;

import java.util.Objects;
import uk.callretention.training.CutFill;

/**
 * How a council keeps the training copies made of its recordings, with personal details cut out: a retention class of
 * their own (one the bucket's lifecycle rules cover, so the backstop reaches them too), counted from the day the copy
 * is made, and what a cut range is replaced by.
 */
public record TrainingCopies(RetentionClass period, CutFill fill) {

    /** Where a file says nothing: a copy is kept twelve months, its cuts silent. */
    public static final TrainingCopies DEFAULT = new TrainingCopies(RetentionClass.of("P12M"), CutFill.SILENCE);

    public TrainingCopies {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(fill, "fill");
    }
}
