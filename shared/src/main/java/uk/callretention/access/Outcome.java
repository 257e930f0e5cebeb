package uk.callretention.access;

import java.util.function.Function;

/** What a request to the access API came to: done, with what to answer, or refused. */
public sealed interface Outcome<T> {

    record Done<T>(T value) implements Outcome<T> {
    }

    record Refused<T>(Refusal refusal) implements Outcome<T> {
    }

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    /** The next step with this one's value, or this refusal. */
    default <U> Outcome<U> then(Function<T, Outcome<U>> next) {
        if (this instanceof Done<T> done) {
            return next.apply(done.value());
        }
        return refused(((Refused<T>) this).refusal());
    }
}
