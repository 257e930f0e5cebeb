package uk.callretention.retention;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import uk.callretention.recording.RecordingTags;

/**
 * The last word before a deletion, from the bucket rather than the catalogue, which can be stale: every version of
 * the object must be tagged with an expiry date that has come, carry no hold tag and be under no legal hold.
 * A recording found with no versions left is due for its tombstone only (a crash after the delete, or the backstop
 * got there first).
 */
final class Recheck {

    /** What the sweep does with a recording the index says is due. */
    sealed interface Verdict {
    }

    /** @param alreadyGone no version was left, only delete markers if anything */
    record Delete(List<ObjectVersion> keys, boolean alreadyGone) implements Verdict {
    }

    /** @param fileUnder the day of the expiry index under which the next look is due */
    record Keep(Why why, LocalDate fileUnder) implements Verdict {
    }

    enum Why {
        /** A version is under a legal hold or tagged held. */
        HELD,
        /** A version's tags give a later expiry date: the catalogue is stale. */
        NOT_YET_DUE,
        /** A version has no expiry tag yet (a new upload the tagger has not reached). */
        UNTAGGED
    }

    private Recheck() {
    }

    static Verdict of(List<ObjectVersion> versions, Function<ObjectVersion, Map<String, String>> tagsOf,
                      Predicate<ObjectVersion> legalHold, LocalDate today) {
        List<ObjectVersion> objects = versions.stream().filter(v -> !v.deleteMarker()).toList();
        for (ObjectVersion object : objects) {
            Map<String, String> tags = tagsOf.apply(object);
            if (Hold.RETENTION_TAG.equals(tags.get(RecordingTags.RETENTION)) || legalHold.test(object)) {
                return new Keep(Why.HELD, today);
            }
            Optional<LocalDate> expires = date(tags.get(RecordingTags.EXPIRES));
            if (expires.isEmpty()) {
                return new Keep(Why.UNTAGGED, today);
            }
            if (expires.get().isAfter(today)) {
                return new Keep(Why.NOT_YET_DUE, expires.get());
            }
        }
        return new Delete(versions, objects.isEmpty());
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
